//! The GraphiQL explorer, served entirely from the binary (police networks have no CDN).
//!
//! The assets are the `graphiql` and React UMD builds vendored in `gateway/assets/`
//! (refreshed by `gateway/assets/refresh.sh`) and embedded with `include_bytes!`.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

/// Under this path the explorer's assets are served.
pub const ASSET_PREFIX: &str = "/graphiql/assets";

/// Content Security Policy of the explorer page: nothing from outside the gateway.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data:; font-src 'self' data:; connect-src 'self'";

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CCTNS Graph Gateway</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
<style>html,body,#graphiql{height:100%;margin:0;}</style>
</head>
<body>
<div id="graphiql">Loading the CCTNS explorer…</div>
<script src="/graphiql/assets/react.production.min.js"></script>
<script src="/graphiql/assets/react-dom.production.min.js"></script>
<script src="/graphiql/assets/graphiql.min.js"></script>
<script src="/graphiql/assets/init.js"></script>
</body>
</html>
"#;

const INIT: &str = r#"(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var defaultQuery = [
    '# Welcome to the CCTNS Graph Gateway.',
    '# Put your token in the Headers tab: {"Authorization": "Bearer <token>"}',
    '',
    'query LatestFirs {',
    '  firs(first: 5) {',
    '    totalCount',
    '    edges { node { number registeredAt station { name district { name } } charges { act section } } }',
    '  }',
    '}',
    ''
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: defaultQuery,
    headerEditorEnabled: true,
    shouldPersistHeaders: false
  }));
})();
"#;

/// The explorer page.
pub async fn page() -> Response {
    ([(header::CONTENT_SECURITY_POLICY, CSP)], Html(PAGE)).into_response()
}

/// One embedded asset.
pub async fn asset(Path(name): Path<String>) -> Response {
    let (body, content_type): (&'static [u8], &str) = match name.as_str() {
        "graphiql.min.css" => (include_bytes!("../assets/graphiql.min.css"), "text/css"),
        "graphiql.min.js" => (
            include_bytes!("../assets/graphiql.min.js"),
            "text/javascript",
        ),
        "react.production.min.js" => (
            include_bytes!("../assets/react.production.min.js"),
            "text/javascript",
        ),
        "react-dom.production.min.js" => (
            include_bytes!("../assets/react-dom.production.min.js"),
            "text/javascript",
        ),
        "init.js" => (INIT.as_bytes(), "text/javascript"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}
