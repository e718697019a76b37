# Makefile for gongkai.  Every library is found with pkg-config; missing
# Debian packages are installed by scripts/install-deps first.
#
#   make            build ./gongkai (optimised)
#   make run        install what is missing, build, create the demo database
#                   if missing and serve it (http://127.0.0.1:8080/)
#   make test       AddressSanitizer+UBSan build, every test, fuzzers briefly
#   make bench      benchmarks (print their figures)
#   make clean

CC      ?= cc
FUZZCC  ?= clang
PKGS    := sqlite3 jansson xlsxwriter libzip libxml-2.0 libsodium libcmark \
           libh2o-evloop openssl zlib libcurl
DB      ?= gongkai.db

# Run the dependency installer once per make invocation, before pkg-config.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
DEPS_OK := $(shell scripts/install-deps >&2 && echo ok)
ifneq ($(DEPS_OK),ok)
$(error scripts/install-deps failed: see the messages above)
endif
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
           -Wno-format-nonliteral -Wno-missing-field-initializers -Wno-format-truncation
CSTD    := -std=c11 -D_GNU_SOURCE -DH2O_USE_LIBUV=0
INC     := -Isrc -Ibuild/gen
CFLAGS_REL  := $(CSTD) $(WARN) -O2 -g $(INC) $(PKG_CFLAGS)
CFLAGS_ASAN := $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer \
               -fsanitize=address,undefined -fno-sanitize-recover=undefined \
               $(INC) $(PKG_CFLAGS)
CFLAGS_FUZZ := $(CSTD) -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
               -DGK_FUZZING $(INC) $(PKG_CFLAGS)
LIBS    := $(PKG_LIBS) -lm

SRC      := $(shell find src -name '*.c' | LC_ALL=C sort)
LIBSRC   := $(filter-out src/main.c,$(SRC)) build/gen/schema.c build/gen/data.c
SCHEMA   := $(shell LC_ALL=C ls src/store/schema/*.sql)
UNITSRC  := $(wildcard tests/unit/test-*.c)
FUZZSRC  := $(wildcard tests/fuzz/fuzz-*.c)

REL_LIBOBJ  := $(patsubst %.c,build/rel/%.o,$(LIBSRC))
ASAN_LIBOBJ := $(patsubst %.c,build/asan/%.o,$(LIBSRC))
FUZZ_LIBOBJ := $(patsubst %.c,build/fuzz/%.o,$(LIBSRC))
UNITBIN     := $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNITSRC))
FUZZBIN     := $(patsubst tests/fuzz/%.c,build/fuzz/tests/%,$(FUZZSRC))

# V=1 shows the full compiler command lines.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n'
endif

.PHONY: all run test test-build bench clean fuzz-build
.DELETE_ON_ERROR:
# keep object files of every build (the fuzz targets share them)
.SECONDARY:

all: gongkai

gongkai: build/rel/src/main.o $(REL_LIBOBJ)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS_REL) -o $@ $^ $(LIBS)

build/asan/gongkai: build/asan/src/main.o $(ASAN_LIBOBJ)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS_ASAN) -o $@ $^ $(LIBS)

build/tools/embed-sql: tools/embed-sql.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

build/gen/schema.c: build/tools/embed-sql $(SCHEMA)
	@mkdir -p $(dir $@)
	build/tools/embed-sql $@ $(SCHEMA)

build/gen/data.c: build/tools/embed-sql data/domains.csv src/api/openapi.json \
		data/search/synonyms.csv data/search/corpus-words.txt \
		data/search/t2s.txt
	@mkdir -p $(dir $@)
	build/tools/embed-sql --data $@ data_domains_csv data/domains.csv \
		data_openapi_json src/api/openapi.json \
		data_synonyms_csv data/search/synonyms.csv \
		data_corpus_words_txt data/search/corpus-words.txt \
		data_t2s_txt data/search/t2s.txt

build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_REL) -MMD -MP -c $< -o $@

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC-SAN $<
	$(Q)$(CC) $(CFLAGS_ASAN) -MMD -MP -c $< -o $@

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(say) CC-FUZ $<
	$(Q)$(FUZZCC) $(CFLAGS_FUZZ) -MMD -MP -c $< -o $@

build/asan/tests/%: tests/unit/%.c tests/unit/t.h $(ASAN_LIBOBJ)
	@mkdir -p $(dir $@)
	$(say) TEST $@
	$(Q)$(CC) $(CFLAGS_ASAN) -Itests/unit -o $@ $< $(ASAN_LIBOBJ) $(LIBS)

build/fuzz/tests/%: tests/fuzz/%.c $(FUZZ_LIBOBJ)
	@mkdir -p $(dir $@)
	$(say) FUZZ $@
	$(Q)$(FUZZCC) $(CFLAGS_FUZZ) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIBOBJ) $(LIBS)

# bench/search's in-process timer of search_run(), on the release objects
build/rel/bench/search-driver: bench/search-driver.c $(REL_LIBOBJ)
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(CFLAGS_REL) -o $@ $< $(REL_LIBOBJ) $(LIBS)

fuzz-build: $(FUZZBIN)

test-build: gongkai build/asan/gongkai $(UNITBIN) $(FUZZBIN)

test: test-build
	tests/run

# LISTEN=0.0.0.0:8080 make run  serves other machines too.
LISTEN  ?= 127.0.0.1:8080
run: gongkai
	@if [ ! -f "$(DB)" ]; then ./gongkai --db "$(DB)" demo; fi
	./gongkai --db "$(DB)" serve --listen "$(LISTEN)"

bench: gongkai build/rel/bench/search-driver
	bench/catalog
	bench/http
	bench/search

clean:
	rm -rf build gongkai

-include $(shell find build -name '*.d' 2>/dev/null)
