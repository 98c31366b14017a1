"""The armstrace web application: server-rendered pages and a JSON API over a Store.

    from armstrace.web import create_app
    app = create_app("armstrace.db")        # then: uvicorn.run(app)

Modules: `app` builds the application (settings live on `app.state`, nothing is
global), `dependencies` opens the store per request and renders templates,
`pages` the HTML pages, `api` the JSON API under /api/, `auth` sign-in, sessions
and CSRF tokens, `highlight` escapes article text and marks spans in it.
`pages_viz` (State, Weapon and Network pages), when present, is included too.
"""

from __future__ import annotations

from armstrace.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
