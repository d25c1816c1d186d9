package dev.deployverify.http;

import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Bounds the text answers (JSON, HTML, plain text, XML) the checks' HTTP client reads: a target that answers 50 MB
 * to each request (a debug dump, a log served by mistake) would otherwise be read, held and parsed whole by every check,
 * a hundred times over by a load check, for minutes. Past {@link #MAX_TEXT_BYTES} the answer is not read further and the
 * request fails saying how large it was; binary answers (audio, archives) are not bounded here.
 */
final class BodyCap implements HttpResponseInterceptor {

    /** Far above any answer a check reads (a Prometheus exposition, an OpenAPI document), far below a dump. */
    static final long MAX_TEXT_BYTES = 16L * 1024 * 1024;

    @Override
    public void process(HttpResponse response, HttpContext context) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null || !textual(entity.getContentType())) {
            return;
        }
        String request = requestOf(context) + " answered " + response.getStatusLine().getStatusCode() + " with ";
        String type = " bytes of " + entity.getContentType().getValue();
        if (entity.getContentLength() > MAX_TEXT_BYTES) {
            throw new IOException(request + entity.getContentLength() + type + "; a check reads at most " + MAX_TEXT_BYTES
                    + " bytes of a text answer, so it was not read");
        }
        String what = request + "more than " + MAX_TEXT_BYTES + type;
        // A compressed body is bounded as it decompresses (50 MB of one character gzip to 50 KB): decompressed here,
        // and REST Assured's own decoder, which goes by the entity's encoding, sees none.
        String encoding = entity.getContentEncoding() == null ? ""
                : entity.getContentEncoding().getValue().strip().toLowerCase(Locale.ROOT);
        boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
        boolean deflate = encoding.equals("deflate");
        response.setEntity(new HttpEntityWrapper(entity) {
            @Override
            public InputStream getContent() throws IOException {
                InputStream body = super.getContent();
                return new Bounded(gzip ? new GZIPInputStream(body) : deflate ? new InflaterInputStream(body) : body, what);
            }

            @Override
            public Header getContentEncoding() {
                return gzip || deflate ? null : super.getContentEncoding();
            }

            @Override
            public long getContentLength() {
                return gzip || deflate ? -1 : super.getContentLength();
            }
        });
    }

    private static boolean textual(Header contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.getValue().toLowerCase(Locale.ROOT);
        return type.contains("json") || type.startsWith("text/") || type.contains("xml") || type.contains("javascript");
    }

    private static String requestOf(HttpContext context) {
        Object request = context.getAttribute(HttpCoreContext.HTTP_REQUEST);
        if (request instanceof HttpRequest sent) {
            String uri = sent.getRequestLine().getUri();
            int scheme = uri.indexOf("://");
            int path = scheme < 0 ? 0 : uri.indexOf('/', scheme + 3);
            uri = path < 0 ? "/" : uri.substring(path);
            int query = uri.indexOf('?');  // never a query: it may carry a token
            return sent.getRequestLine().getMethod() + " " + (query < 0 ? uri : uri.substring(0, query));
        }
        return "the request";
    }

    /** A body without a length (chunked): read until it passes the bound. */
    private static final class Bounded extends FilterInputStream {
        private final String what;
        private long read;

        Bounded(InputStream in, String what) {
            super(in);
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_TEXT_BYTES) {
                throw new IOException(what + "; a check reads at most that much of a text answer, so the rest was not read");
            }
        }
    }
}
