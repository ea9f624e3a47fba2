/* server — libmicrohttpd underneath mamori's router.
 * Thread per connection: a slow client, an fsync or an argon2id hash holds up only its
 * own connection, so /healthz and ordinary pages keep answering. */
#ifndef MAMORI_SERVER_H
#define MAMORI_SERVER_H
#include "http/http.h"

/* Starts listening on "HOST:PORT" (IPv4, or [IPv6]); plain HTTP is refused on a
 * non-loopback address unless cfg->allow_remote_plain_http. Owned by the caller. */
err_code http_server_start(http_app *app, const char *listen, http_server **out, err *e);
/* The port actually bound (useful with port 0). */
int http_server_port(const http_server *s);
/* Stops accepting new connections; requests in flight go on. */
void http_server_quiesce(http_server *s);
/* Requests begun and not yet finished. */
int http_server_active(const http_server *s);
/* Closes every connection and frees the server. */
void http_server_stop(http_server *s);

#endif
