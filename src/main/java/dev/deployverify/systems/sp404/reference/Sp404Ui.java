package dev.deployverify.systems.sp404.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the stand-in serves to browsers: the Vite-built React shell, its assets, Swagger UI and the OpenAPI document. */
final class Sp404Ui {

    static final String INDEX_HTML = """
            <!doctype html>
            <html lang="en">
              <head>
                <meta charset="UTF-8" />
                <link rel="icon" type="image/svg+xml" href="%s" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <title>SP-404MK2 Sample Agent</title>
                <script type="module" crossorigin src="%s"></script>
                <link rel="stylesheet" crossorigin href="%s">
              </head>
              <body>
                <div id="root"></div>
              </body>
            </html>
            """.formatted(Sp404Reference.ICON, Sp404Reference.APP_JS, Sp404Reference.APP_CSS);

    static final String APP_JS = """
            const root = document.getElementById("root");
            const routes = ["/samples", "/collections", "/kits", "/builder", "/settings"];
            root.innerHTML = '<nav>' + routes.map(r => '<a href="' + r + '">' + r.slice(1) + '</a>').join(' ') + '</nav><main></main>';
            fetch("/api/v1/samples/?page=1&limit=24").catch(() => {});
            """;

    static final String APP_CSS = """
            :root { color-scheme: dark; font-family: system-ui, sans-serif; }
            body { margin: 0; background: #111; color: #eee; }
            nav a { margin-right: 1rem; color: #f90; }
            """;

    static final String ICON_SVG = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#f90"/></svg>
            """;

    static final String SWAGGER_HTML = """
            <!DOCTYPE html>
            <html>
            <head>
            <link type="text/css" rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
            <title>SP-404MK2 Sample Agent - Swagger UI</title>
            </head>
            <body>
            <div id="swagger-ui"></div>
            <script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
            <script>
            const ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui' })
            </script>
            </body>
            </html>
            """;

    static final String OPENAPI_JSON = openApi();

    private Sp404Ui() {
    }

    private static String openApi() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode().put("openapi", "3.1.0");
        document.putObject("info").put("title", "SP-404MK2 Sample Agent").put("version", "1.0.0");
        ObjectNode paths = document.putObject("paths");
        Sp404Reference.apiPaths().forEach(path -> paths.putObject(path).putObject(path.contains("{") ? "get" : "post")
                .put("summary", path));
        paths.putObject("/health").putObject("get").put("summary", "Health");
        return document.toString();
    }
}
