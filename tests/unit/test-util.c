/* test-util.c: the small utilities — strings, arena, UTF-8, hash map and
 * the JSON string quoter (checked against jansson's reading). */
#include "t.h"

#include <jansson.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/hmap.h"
#include "util/json-str.h"
#include "util/utf8.h"

TEST(test_buf__grows_and_formats)
{
	struct buf b = BUF_INIT;

	CHECK_STR(b.buf, "");
	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	CHECK_INT(b.len, 3890);
	CHECK(b.buf[b.len] == '\0');
	buf_reset(&b);
	CHECK_STR(b.buf, "");
	buf_release(&b);
}

TEST(test_arena__aligned_and_big)
{
	struct arena a = ARENA_INIT;
	char *big = arena_alloc(&a, 1 << 20);
	char *small = arena_alloc(&a, 3);

	CHECK(((uintptr_t)big & 15) == 0);
	CHECK(((uintptr_t)small & 15) == 0);
	big[(1 << 20) - 1] = 'x';
	CHECK_STR(arena_printf(&a, "%s-%d", "区", 7), "区-7");
	arena_release(&a);
}

TEST(test_utf8__valid_rejects_overlong_and_surrogates)
{
	CHECK(utf8_valid("社会救助 𠀀", strlen("社会救助 𠀀")));
	CHECK(!utf8_valid("\xc0\xaf", 2));
	CHECK(!utf8_valid("\xed\xa0\x80", 3));
	CHECK(!utf8_valid("\xe4\xb8", 2));
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4));
}

TEST(test_utf8__trim_and_fold)
{
	struct buf b = BUF_INIT;
	size_t off, len;

	utf8_trim(&b, "\u3000 公开\r\n内容 \xc2\xa0");
	CHECK_STR(b.buf, "公开\n内容");
	buf_reset(&b);
	utf8_fold(&b, "（电子屏） ＡＢ１");
	CHECK_STR(b.buf, "(电子屏)ab1");
	utf8_trim_span("\u3000ab ", &off, &len);
	CHECK_INT(off, 3);
	CHECK_INT(len, 2);
	buf_release(&b);
}

TEST(test_hmap__many_keys)
{
	struct hmap m = HMAP_INIT;
	char k[32];
	int64_t v;

	for (int i = 0; i < 10000; i++) {
		snprintf(k, sizeof(k), "key%d", i);
		hmap_put(&m, k, strlen(k), i);
	}
	CHECK(hmap_get(&m, "key4321", 7, &v));
	CHECK_INT(v, 4321);
	CHECK(!hmap_get(&m, "key10000", 8, &v));
	hmap_put(&m, "key1", 4, 99);
	CHECK(hmap_get(&m, "key1", 4, &v));
	CHECK_INT(v, 99);
	CHECK_INT(m.len, 10000);
	hmap_release(&m);
}

TEST(test_json_str__jansson_reads_it_back)
{
	static const char *const cases[] = {
		"", "plain", "<script>\"'&</script>", "a\\b", "line\nbreak\r\t",
		"\x01\x1f", "𠀀 \u202e RTL", "\u2028\u2029", "公开内容（要素）",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		json_t *v;
		buf_addch(&b, '[');
		json_str(&b, cases[i]);
		buf_addch(&b, ']');
		v = json_loads(b.buf, 0, NULL);
		CHECK(v);
		CHECK_STR(json_string_value(json_array_get(v, 0)), cases[i]);
		json_decref(v);
		buf_release(&b);
	}
}

T_MAIN(T(test_buf__grows_and_formats), T(test_arena__aligned_and_big),
       T(test_utf8__valid_rejects_overlong_and_surrogates),
       T(test_utf8__trim_and_fold), T(test_hmap__many_keys),
       T(test_json_str__jansson_reads_it_back))
