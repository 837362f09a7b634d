/*
 * test_request_parse.c — unit tests of the HTTP server's readers of
 * untrusted request text (src/server/request_parse.c): Accept-Language,
 * web-page file names (path traversal), percent-decoding, content types,
 * error-message paths and the access log's copy of a path.
 */
#include "request_parse.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static galacta_lang accept(const char *header)
{
	galacta_lang l = (galacta_lang)-1;
	assert_int_equal(request_parse__accept_language(header, &l), 0);
	return l;
}

static void test_request_parse__accept_language_picks_the_highest_quality(void **state)
{
	(void)state;
	assert_int_equal(accept("zh-CN,zh;q=0.9,en;q=0.8"), GALACTA_LANG_ZH_HANS);
	assert_int_equal(accept("en-GB,en;q=0.9,zh;q=0.8"), GALACTA_LANG_EN);
	assert_int_equal(accept("fr;q=1, zh-TW;q=0.7, en;q=0.3"), GALACTA_LANG_ZH_HANS);
	assert_int_equal(accept("en;q=0.5, zh-Hans;q=0.6"), GALACTA_LANG_ZH_HANS);
	assert_int_equal(accept("EN-us"), GALACTA_LANG_EN);
	/* A tie goes to the first listed. */
	assert_int_equal(accept("zh, en"), GALACTA_LANG_ZH_HANS);
}

static void test_request_parse__accept_language_without_ours_is_not_found(void **state)
{
	galacta_lang l = GALACTA_LANG_EN;
	(void)state;
	assert_int_equal(request_parse__accept_language("fr-FR,de;q=0.5", &l), GALACTA_ENOTFOUND);
	assert_int_equal(request_parse__accept_language("*", &l), GALACTA_ENOTFOUND);
	assert_int_equal(request_parse__accept_language("en;q=0, zh;q=0", &l), GALACTA_ENOTFOUND);
	/* "eng" and "zhx" are other languages, not en and zh. */
	assert_int_equal(request_parse__accept_language("eng, zhx", &l), GALACTA_ENOTFOUND);
	assert_int_equal(request_parse__accept_language("", &l), GALACTA_ENOTFOUND);
	assert_int_equal(request_parse__accept_language(NULL, &l), GALACTA_ENOTFOUND);
}

static const char *web(const char *url)
{
	static char buf[REQUEST_WEB_PATH_MAX + 1];
	return request_parse__web_name(url, buf, sizeof(buf));
}

static void test_request_parse__web_names_of_the_page_are_served(void **state)
{
	(void)state;
	assert_string_equal(web("/"), "index.html");
	assert_string_equal(web("/app.js"), "app.js");
	assert_string_equal(web("/img/chart-1.svg"), "img/chart-1.svg");
}

static void test_request_parse__web_names_never_leave_the_directory(void **state)
{
	static const char *const refused[] = {"/..", "/../etc/passwd", "/a/../b", "/./index.html", "//etc/passwd",
		"/.hidden", "/a/.git/config", "/a/", "/index.html/", "/a\\..\\b", "/a%2fb", "/\x7f", "/a b",
		"/-rf", "relative.html", "", "/\xe4\xbd\xa0.html", NULL};
	char long_path[REQUEST_WEB_PATH_MAX + 3];
	size_t i;
	(void)state;
	for (i = 0; refused[i]; i++)
		assert_null(web(refused[i]));
	assert_null(web(NULL));
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	assert_null(web(long_path));
}

static void test_request_parse__unescape_decodes_and_never_yields_nul(void **state)
{
	char a[] = "/%2e%2E/x%41%zz%4", b[] = "/index.html%00.js", c[] = "100%";
	(void)state;
	assert_int_equal(request_parse__unescape(a), strlen("/../xA%zz%4"));
	assert_string_equal(a, "/../xA%zz%4");
	assert_int_equal(request_parse__unescape(b), strlen("/index.html\x7f.js"));
	assert_string_equal(b, "/index.html\x7f.js");
	assert_null(web(b));
	request_parse__unescape(c);
	assert_string_equal(c, "100%");
}

static void test_request_parse__only_application_json_is_json(void **state)
{
	(void)state;
	assert_true(request_parse__json_content_type("application/json"));
	assert_true(request_parse__json_content_type("Application/JSON; charset=utf-8"));
	assert_true(request_parse__json_content_type(" application/json"));
	assert_false(request_parse__json_content_type("application/jsonx"));
	assert_false(request_parse__json_content_type("text/json"));
	assert_false(request_parse__json_content_type(""));
	assert_false(request_parse__json_content_type(NULL));
}

static void test_request_parse__error_path_is_the_json_path_of_the_message(void **state)
{
	char buf[64];
	(void)state;
	assert_string_equal(request_parse__error_path("infant.weights[1].weight_g: 35 is outside 300–30000 g", buf,
		sizeof(buf)), "infant.weights[1].weight_g");
	assert_string_equal(request_parse__error_path("(root): a case must be a JSON object, not array", buf,
		sizeof(buf)), "");
	assert_null(request_parse__error_path("(json) line 1, column 2: end of file expected", buf, sizeof(buf)));
	assert_null(request_parse__error_path("(input): empty; expected one JSON object", buf, sizeof(buf)));
	assert_null(request_parse__error_path("out of memory", buf, sizeof(buf)));
	assert_null(request_parse__error_path("a b: c", buf, sizeof(buf)));
	assert_null(request_parse__error_path("waytoolongpathwaytoolongpathwaytoolongpathwaytoolongpathwaytoolong: x",
		buf, sizeof(buf)));
}

static void test_request_parse__log_path_is_printable_and_cut(void **state)
{
	char out[8];
	(void)state;
	request_parse__log_path(out, sizeof(out), "/v1\n\x1b[31m");
	assert_string_equal(out, "/v1?...");
	request_parse__log_path(out, sizeof(out), "/a b\xe4");
	assert_string_equal(out, "/a?b?");
	request_parse__log_path(out, sizeof(out), NULL);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_parse__accept_language_picks_the_highest_quality),
		cmocka_unit_test(test_request_parse__accept_language_without_ours_is_not_found),
		cmocka_unit_test(test_request_parse__web_names_of_the_page_are_served),
		cmocka_unit_test(test_request_parse__web_names_never_leave_the_directory),
		cmocka_unit_test(test_request_parse__unescape_decodes_and_never_yields_nul),
		cmocka_unit_test(test_request_parse__only_application_json_is_json),
		cmocka_unit_test(test_request_parse__error_path_is_the_json_path_of_the_message),
		cmocka_unit_test(test_request_parse__log_path_is_printable_and_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
