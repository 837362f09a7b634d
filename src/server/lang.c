/*
 * lang.c — the language of a response: `?lang=` when given (en, zh-Hans,
 * and what galacta_lang_parse() accepts), else the best of English and
 * Simplified Chinese in Accept-Language (request_parse.c), else the
 * caller's default (the case's "language", or English).
 */
#include "server.h"

#include "request_parse.h"

int lang__negotiate(struct MHD_Connection *conn, galacta_lang *out, bool *chosen, const char **bad)
{
	const char *q = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
	const char *h;

	*chosen = false;
	*out = GALACTA_LANG_EN;
	if (q) {
		if (galacta_lang_parse(q, out)) {
			*bad = "lang: must be en or zh-Hans";
			return GALACTA_EINVALID;
		}
		*chosen = true;
		return 0;
	}
	h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	if (h && request_parse__accept_language(h, out) == 0)
		*chosen = true;
	return 0;
}
