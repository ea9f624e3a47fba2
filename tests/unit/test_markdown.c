/* markdown_to_html: ordinary Markdown renders; what could run script or load from
 * elsewhere does not (raw HTML, javascript:/data:/vbscript: links, data: and outside
 * images, autolinks of unsafe schemes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "io/markdown.h"

static char *render(const char *md)
{
    return markdown_to_html(md, strlen(md));
}

static void expect_has(const char *md, const char *want)
{
    char *html = render(md);
    if (!strstr(html, want)) fail_msg("%s\n→ %s\nlacks %s", md, html, want);
    free(html);
}

static void expect_lacks(const char *md, const char *bad)
{
    char *html = render(md);
    if (strstr(html, bad)) fail_msg("%s\n→ %s\nholds %s", md, html, bad);
    free(html);
}

static void test_ordinary(void **state)
{
    (void)state;
    expect_has("# 手順\n\n1. 入室簿に記入する\n2. 鍵を借りる\n", "<h1>手順</h1>");
    expect_has("1. 入室簿に記入する\n", "<ol>\n<li>入室簿に記入する</li>");
    expect_has("**必ず**", "<strong>必ず</strong>");
    expect_has("[規程](https://example.jp/a)", "<a href=\"https://example.jp/a\">規程</a>");
    expect_has("[要件](#/requirements/3)", "<a href=\"#/requirements/3\">要件</a>");
    expect_has("[mail](mailto:soumu@example.jp)", "href=\"mailto:soumu@example.jp\"");
    expect_has("![図](/api/v1/files/3)", "<img src=\"/api/v1/files/3\" alt=\"図\" />");
    expect_has("a < b & c", "a &lt; b &amp; c");
    char *empty = markdown_to_html(NULL, 0);
    assert_string_equal(empty, "");
    free(empty);
}

static void test_raw_html(void **state)
{
    (void)state;
    expect_lacks("<script>alert(1)</script>", "<script");
    expect_lacks("text <script>alert(1)</script> more", "<script");
    expect_lacks("<img src=x onerror=alert(1)>", "onerror");
    expect_lacks("<iframe src=\"https://evil.example\"></iframe>", "<iframe");
    expect_lacks("<a href=\"javascript:alert(1)\">x</a>", "javascript:");
    expect_lacks("<div onclick=\"alert(1)\">x</div>", "onclick");
    /* Escaped, it is shown as text. */
    expect_has("`<script>`", "<code>&lt;script&gt;</code>");
}

static void test_links(void **state)
{
    (void)state;
    expect_lacks("[x](javascript:alert(1))", "javascript");
    expect_lacks("[x](JaVaScRiPt:alert(1))", "alert");
    expect_lacks("[x](  javascript:alert(1))", "alert");
    expect_lacks("[x](java&#x09;script:alert(1))", "alert");
    expect_lacks("[x](vbscript:msgbox(1))", "vbscript");
    expect_lacks("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data:");
    expect_lacks("[x](file:///etc/passwd)", "file:");
    expect_lacks("[x]: javascript:alert(1)\n\n[x]", "javascript");
    expect_lacks("<javascript:alert(1)>", "href=\"javascript");
    expect_has("<https://example.jp/>", "<a href=\"https://example.jp/\">");
    expect_lacks("[x](\"onmouseover=alert(1))", "\"onmouseover");
    expect_has("[x](javascript:alert(1))", "<a href=\"\">x</a>");
}

static void test_images(void **state)
{
    (void)state;
    expect_lacks("![pixel](data:image/png;base64,iVBORw0KGgo=)", "<img");
    expect_has("![pixel](data:image/png;base64,iVBORw0KGgo=)", "pixel");
    expect_lacks("![tracker](https://evil.example/p.gif)", "<img");
    expect_lacks("![tracker](//evil.example/p.gif)", "<img");
    expect_lacks("![x](javascript:alert(1))", "javascript");
    expect_lacks("[![x](data:image/svg+xml;base64,PHN2Zz4=)](javascript:alert(1))", "data:");
}

static void test_utf8(void **state)
{
    (void)state;
    const char bad[] = "a\xff\xfe b";
    char *html = markdown_to_html(bad, sizeof bad - 1);
    assert_null(strstr(html, "\xff"));
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ordinary), cmocka_unit_test(test_raw_html), cmocka_unit_test(test_links),
        cmocka_unit_test(test_images),   cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
