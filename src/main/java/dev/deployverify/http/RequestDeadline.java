package dev.deployverify.http;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.client.methods.AbortableHttpRequest;
import org.apache.http.impl.client.RequestWrapper;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounds a whole HTTP exchange, answer body included. The socket timeout bounds each read only: a server that
 * answers one byte at a time, each within the timeout, would otherwise hold a check (and the run) for as long as it
 * likes. When the deadline passes, the request is aborted and the check fails saying so.
 */
final class RequestDeadline implements Filter {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "http-request-deadline");
        thread.setDaemon(true);
        return thread;
    });

    /** The request the current thread is sending, handed from the HTTP client's interceptor to this filter. */
    private static final ThreadLocal<AtomicReference<AbortableHttpRequest>> IN_FLIGHT = new ThreadLocal<>();

    private final Duration limit;

    RequestDeadline(Duration limit) {
        this.limit = limit;
    }

    /** Registers each request as it is sent, so that the deadline can abort it. */
    static HttpRequestInterceptor registeringInterceptor() {
        return (request, context) -> {
            AtomicReference<AbortableHttpRequest> slot = IN_FLIGHT.get();
            if (slot != null && request instanceof RequestWrapper wrapper
                    && wrapper.getOriginal() instanceof AbortableHttpRequest abortable) {
                slot.set(abortable);
            }
        };
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        AtomicReference<AbortableHttpRequest> slot = new AtomicReference<>();
        AtomicBoolean expired = new AtomicBoolean();
        IN_FLIGHT.set(slot);
        ScheduledFuture<?> abort = WATCHDOG.schedule(() -> {
            expired.set(true);
            AbortableHttpRequest inFlight = slot.get();
            if (inFlight != null) {
                inFlight.abort();
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return context.next(request, response);
        } catch (RuntimeException e) {
            throw expired.get() ? timedOut(request, e) : e;
        } catch (Throwable e) {
            // REST Assured (Groovy) throws checked IOExceptions undeclared.
            if (expired.get()) {
                throw timedOut(request, e);
            }
            throw sneaky(e);
        } finally {
            abort.cancel(false);
            IN_FLIGHT.remove();
        }
    }

    private UncheckedIOException timedOut(FilterableRequestSpecification request, Throwable cause) {
        SocketTimeoutException timeout = new SocketTimeoutException("expected a complete answer to " + request.getMethod()
                + " " + request.getURI() + " within " + limit.toMillis() + " ms (connect and request timeouts), but it"
                + " was still arriving; aborted");
        timeout.initCause(cause);
        return new UncheckedIOException(timeout.getMessage(), timeout);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable e) throws T {
        throw (T) e;
    }
}
