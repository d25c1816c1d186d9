package dev.deployverify.systems.sp404.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deployverify.reference.Faults;
import dev.deployverify.systems.sp404.Sp404Fault;

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

    /**
     * The app: a sign-in form for a signed-out visitor, then client-side routes (pushState) that render from the
     * API: the samples grid with search, genre filter, audio preview and a waveform drawn by a lazily loaded module;
     * collections; kits; the project builder's 16 pads; settings with the usage summary. It reads its runtime
     * configuration before its first render, as built SPAs do.
     */
    private static final String APP_JS = """
            const root = document.getElementById('root');
            const TOKEN = 'sp404.access_token';
            const NAV = [['/', 'Dashboard'], ['/samples', 'Samples'], ['/collections', 'Collections'], ['/kits', 'Kits'],
                         ['/builder', 'Project Builder'], ['/settings', 'Settings']];
            const PAGES = {'/': home, '/samples': samples, '/collections': collections, '/kits': kits, '/builder': builder, '/settings': settings};
            const esc = text => String(text ?? '').replace(/[&<>"']/g, c => '&#' + c.charCodeAt(0) + ';');

            async function api(path, options = {}) {
              const response = await fetch(path, {...options, headers: {...(options.headers || {}),
                Authorization: 'Bearer ' + localStorage.getItem(TOKEN)}});
              if (response.status === 401) { localStorage.removeItem(TOKEN); render(); throw new Error('Signed out'); }
              if (!response.ok) throw new Error(path + ' answered ' + response.status);
              return response.json();
            }

            function signIn() {
              root.innerHTML = '<main class="sign-in"><h1>Sign in</h1><form class="login-form">'
                + '<label>Email <input type="email" name="email" autocomplete="username" required></label>'
                + '<label>Password <input type="password" name="password" autocomplete="current-password" required></label>'
                + '<button type="submit">Sign in</button><p class="error" role="alert"></p></form></main>';
              root.querySelector('form').addEventListener('submit', async event => {
                event.preventDefault();
                const form = event.target;
                const response = await fetch('/api/v1/auth/login', {method: 'POST',
                  headers: {Authorization: 'Basic ' + btoa(form.email.value + ':' + form.password.value)}});
                if (!response.ok) { form.querySelector('.error').textContent = 'Sign-in failed (' + response.status + ')'; return; }
                localStorage.setItem(TOKEN, (await response.json()).access_token);
                render();
              });
            }

            function layout(title) {
              root.innerHTML = '<header><a class="brand" href="/" data-link><img src="/vite.svg" alt="" width="24" height="24"> SP-404MK2 Sample Agent</a>'
                + '<nav>' + NAV.map(([href, label]) => '<a href="' + href + '" data-link>' + label + '</a>').join('') + '</nav></header>'
                + '<main><h1>' + esc(title) + '</h1><div class="page"></div></main>';
              return root.querySelector('.page');
            }

            function render() {
              if (!localStorage.getItem(TOKEN)) return signIn();
              const page = PAGES[location.pathname];
              if (!page) return layout('Page not found');
              const title = NAV.find(([href]) => href === location.pathname)[1];
              const element = layout(title);
              page(element).catch(error => {
                element.innerHTML = '<p class="error" role="alert">' + esc(error.message) + '</p>';
                console.error(error);
              });
            }

            async function home(page) {
              const library = await api('/api/v1/samples/?page=1&limit=1');
              page.innerHTML = '<p class="stat">' + library.total + ' samples in the library</p>';
            }

            function card(sample) {
              return '<article class="sample-card" data-id="' + sample.id + '"><h3 class="sample-title">' + esc(sample.title) + '</h3>'
                + '<p class="sample-meta"><span class="sample-bpm">' + (sample.bpm ? Math.round(sample.bpm) + ' BPM' : '-') + '</span> '
                + '<span class="sample-key">' + esc(sample.musical_key) + '</span> <span class="sample-genre">' + esc(sample.genre) + '</span></p>'
                + '<canvas class="waveform" width="200" height="48"></canvas>'
                + '<button type="button" class="preview">Preview</button>'
                + '<audio class="preview-audio" preload="none" src="' + esc(PREVIEW_URL(sample.file_url)) + '"></audio></article>';
            }
            const PREVIEW_URL = url => url;

            async function samples(page) {
              page.innerHTML = '<form class="filters" role="search"><input type="search" name="search" placeholder="Search samples" aria-label="Search samples">'
                + '<select name="genre" aria-label="Genre"><option value="">All genres</option>'
                + ['hip-hop', 'lo-fi', 'house', 'trap'].map(g => '<option>' + g + '</option>').join('') + '</select></form>'
                + '<p class="result-count"></p><div class="sample-grid"></div>';
              const form = page.querySelector('form');
              const grid = page.querySelector('.sample-grid');
              let shown = 0;
              async function load() {
                const query = new URLSearchParams({page: 1, limit: 24});
                if (form.search.value) query.set(SEARCH_PARAM, form.search.value);
                if (form.genre.value) query.set('genre', form.genre.value);
                const request = ++shown;
                const library = await api('/api/v1/samples/?' + query);
                if (request !== shown) return; // a later search answered first
                const items = LIST(library);
                page.querySelector('.result-count').textContent = library.total + ' samples';
                grid.innerHTML = items.map(card).join('');
                grid.querySelectorAll('.sample-card').forEach((element, i) => element.querySelector('.preview')
                  .addEventListener('click', () => preview(element, items[i])));
              }
              let typing;
              form.addEventListener('submit', event => event.preventDefault());
              form.search.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => load().catch(console.error), 200); });
              form.genre.addEventListener('change', () => load().catch(console.error));
              await load();
            }
            const SEARCH_PARAM = 'search';
            const LIST = library => library.items;

            async function preview(element, sample) {
              const audio = element.querySelector('audio');
              audio.play().catch(error => console.warn('preview:', error.message));
              try {
                const {drawWaveform} = await import('WAVEFORM_MODULE');
                await drawWaveform(element.querySelector('canvas'), sample.file_url);
              } catch (error) {
                console.error('waveform:', error);
              }
            }

            async function collections(page) {
              const list = await api('/api/v1/collections?skip=0&limit=50');
              page.innerHTML = list.items.length === 0
                ? '<p class="empty-state">No collections yet</p>'
                : '<ul class="collection-list">' + list.items.map(c => '<li class="collection-card"><h3>' + esc(c.name) + '</h3><p>'
                    + c.sample_count + ' samples</p></li>').join('') + '</ul>';
              page.insertAdjacentHTML('afterbegin', '<p class="result-count">' + list.total + ' collections</p>');
            }

            async function kits(page) {
              page.innerHTML = '<form class="kit-form"><label>Kit name <input name="name" required maxlength="50"></label>'
                + '<button type="submit">Create kit</button></form><p class="hint">Assign samples to pads A1 to J16, then build a project.</p>';
              page.querySelector('form').addEventListener('submit', event => event.preventDefault());
            }

            async function builder(page) {
              const banks = 'ABCDEFGHIJ'.split('');
              page.innerHTML = '<form class="project-form"><label>Project name <input name="project_name" maxlength="31" required></label>'
                + '<label>BPM <input name="project_bpm" type="number" min="20" max="300" value="90"></label>'
                + '<label>Bank <select name="bank">' + banks.map(b => '<option>' + b + '</option>').join('') + '</select></label>'
                + '<button type="submit">Export project</button></form>'
                + '<div class="pad-grid">' + Array.from({length: 16}, (_, i) => '<button type="button" class="pad">A' + (i + 1) + '</button>').join('') + '</div>';
              page.querySelector('form').addEventListener('submit', event => event.preventDefault());
            }

            async function settings(page) {
              page.innerHTML = '<form class="settings-form"><label>Default export format <select name="audio_format"><option>wav</option><option>aiff</option></select></label>'
                + '<label>Default BPM <input name="bpm" type="number" value="90"></label><button type="submit">Save</button></form>'
                + '<section class="usage"><h2>AI usage</h2><p class="usage-summary"></p></section>';
              page.querySelector('form').addEventListener('submit', event => event.preventDefault());
              const usage = await api('/api/v1/usage/summary');
              page.querySelector('.usage-summary').textContent = usage.call_count + ' calls, $' + Number(usage.total_cost).toFixed(2);
              SETTINGS_EXTRA
            }

            document.addEventListener('click', event => {
              const link = event.target.closest('a[data-link]');
              if (!link) return;
              event.preventDefault();
              history.pushState(null, '', link.getAttribute('href'));
              render();
            });
            window.addEventListener('popstate', render);
            fetch('/app-config.json').then(response => response.json()).then(config => {
              document.title = config.appName;
              render();
            }).catch(error => console.error('configuration:', error));
            """;

    /** The lazily loaded module that draws a sample's waveform from its decoded audio. */
    static final String WAVEFORM_JS = """
            export async function drawWaveform(canvas, url) {
              const response = await fetch(url);
              if (!response.ok) throw new Error(url + ' answered ' + response.status);
              const audio = await new OfflineAudioContext(1, 1, 48000).decodeAudioData(await response.arrayBuffer());
              const data = audio.getChannelData(0);
              const context = canvas.getContext('2d');
              context.fillStyle = '#1b1b1b';
              context.fillRect(0, 0, canvas.width, canvas.height);
              context.fillStyle = '#f90';
              const step = Math.ceil(data.length / canvas.width);
              for (let x = 0; x < canvas.width; x++) {
                let peak = 0;
                for (let i = x * step; i < Math.min(data.length, (x + 1) * step); i++) peak = Math.max(peak, Math.abs(data[i]));
                const height = Math.max(1, Math.round(peak * canvas.height));
                context.fillRect(x, (canvas.height - height) / 2, 1, height);
              }
            }
            """;

    private static final String APP_CSS = """
            :root { color-scheme: dark; font-family: system-ui, sans-serif; }
            body { margin: 0; background: #111; color: #eee; }
            header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; padding: 0.75rem 1rem; background: #1b1b1b; }
            .brand { color: #f90; font-weight: 700; text-decoration: none; display: flex; gap: 0.5rem; align-items: center; }
            nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
            nav a { color: #f90; }
            main { padding: 1rem; }
            .sample-grid { display: grid; grid-template-columns: GRID_COLUMNS; gap: 1rem; }
            .sample-card { background: #1b1b1b; border-radius: 8px; padding: 0.75rem; }
            .sample-card h3 { margin: 0 0 0.25rem; font-size: 1rem; }
            canvas.waveform { width: 100%; height: 48px; display: block; background: #1b1b1b; }
            .pad-grid { display: grid; grid-template-columns: repeat(4, minmax(3rem, 1fr)); gap: 0.5rem; max-width: 24rem; }
            .pad { aspect-ratio: 1; background: #333; color: #eee; border: 1px solid #f90; border-radius: 6px; }
            .error { color: #f66; }
            input, select, button { font: inherit; margin: 0.25rem; }
            """;

    /** The app's runtime configuration, read before its first render. */
    static final String APP_CONFIG_JSON = "{\"appName\":\"SP-404MK2 Sample Agent\",\"apiBase\":\"/api/v1\"}";

    /** The script as served: the app, with what the started faults break in it. */
    static String appJs(Faults<Sp404Fault> faults) {
        String js = APP_JS.replace("WAVEFORM_MODULE", Sp404Reference.WAVEFORM_JS);
        if (faults.has(Sp404Fault.UI_SAMPLES_NEVER_RENDER)) {
            // The client reads a field the API does not send (a rename on one side only): no error, no cards.
            js = js.replace("const LIST = library => library.items;", "const LIST = library => library.results || [];");
        }
        if (faults.has(Sp404Fault.UI_SEARCH_IGNORED)) {
            js = js.replace("const SEARCH_PARAM = 'search';", "const SEARCH_PARAM = 'q';");
        }
        if (faults.has(Sp404Fault.UI_PREVIEW_BROKEN)) {
            js = js.replace("const PREVIEW_URL = url => url;", "const PREVIEW_URL = url => url.replace('/files/samples/', '/files/previews/');");
        }
        // An error thrown later, outside the render: the page looks right, only the console shows it.
        return js.replace("SETTINGS_EXTRA", faults.has(Sp404Fault.UI_CONSOLE_ERROR)
                ? "setTimeout(() => page.querySelector('.usage-chart').dataset.total = usage.total_cost);" : "");
    }

    /** The stylesheet as served. */
    static String appCss(Faults<Sp404Fault> faults) {
        // Fixed-width columns: six 220 px cards in a row, wider than a phone; the responsive grid fills what there is.
        return APP_CSS.replace("GRID_COLUMNS", faults.has(Sp404Fault.UI_NOT_RESPONSIVE)
                ? "repeat(6, 220px)" : "repeat(auto-fill, minmax(200px, 1fr))");
    }

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
