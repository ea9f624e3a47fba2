# mamori — build, run and test. `make run` and `make test` are the two commands a
# newcomer needs; both install what is missing first (scripts/bootstrap).
#
#   make            build/mamori (release build, -O2; also what the benchmarks use)
#   make run        demo store in var/demo.db, served on http://127.0.0.1:8080
#   make test       every test (unit, API on SQLite and PostgreSQL, browser);
#                   the last line is "N passed, N failed"
#   make bench      the benchmarks in bench/ (release build)

PKGS      := libmicrohttpd jansson sqlite3 libpq libsodium libmagic liboath libqrencode ldap libutf8proc xlsxwriter libcmark nettle
# libcsv ships no pkg-config file
EXTRA_LIBS:= -lcsv
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CC        ?= cc
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
BASE      := -std=c11 -D_GNU_SOURCE -Isrc $(WARN)
REL_FLAGS := -O2 -g
TEST_FLAGS:= -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

SRC       := $(shell find src -name '*.c' ! -name main.c | sort)
EMBEDDED  := $(shell find web migrations -type f ! -name '.*' 2>/dev/null | sort)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))

.PHONY: all run test test-build bench clean bootstrap
all: build/mamori

# ---- release build ----
build/rel/%.o: src/%.c $(shell find src -name '*.h')
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(REL_FLAGS) $(PKG_CFLAGS) -c $< -o $@

build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) -O2 $< -o $@

# Common passwords, refused by the password policy: Openwall's list (public domain)
# from Debian's john-data, lower-cased, embedded at build time.
COMMON_PW_SRC := /usr/share/john/password.lst
build/gen/common-passwords.txt: $(COMMON_PW_SRC)
	@mkdir -p $(dir $@)
	grep -v '^#!' $< | tr 'A-Z' 'a-z' | LC_ALL=C sort -u > $@

build/gen/embedded.c: build/tools/embed $(EMBEDDED) build/gen/common-passwords.txt
	@mkdir -p $(dir $@)
	build/tools/embed $@ $(EMBEDDED) build/gen/common-passwords.txt

build/rel/embedded.o: build/gen/embedded.c
	$(CC) $(BASE) -O2 -c $< -o $@

REL_OBJ := $(patsubst src/%.c,build/rel/%.o,$(SRC)) build/rel/embedded.o
build/rel/libmamori.a: $(REL_OBJ)
	rm -f $@ && ar rcs $@ $^

build/mamori: build/rel/main.o build/rel/libmamori.a
	$(CC) $(REL_FLAGS) $^ $(PKG_LIBS) $(EXTRA_LIBS) -lpthread -o $@

# ---- test build: AddressSanitizer and UndefinedBehaviorSanitizer ----
build/test/%.o: src/%.c $(shell find src -name '*.h')
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(TEST_FLAGS) $(PKG_CFLAGS) -c $< -o $@

build/test/embedded.o: build/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(TEST_FLAGS) -c $< -o $@

TEST_OBJ := $(patsubst src/%.c,build/test/%.o,$(SRC)) build/test/embedded.o
build/test/libmamori.a: $(TEST_OBJ)
	rm -f $@ && ar rcs $@ $^

build/test/mamori: build/test/main.o build/test/libmamori.a
	$(CC) $(TEST_FLAGS) $^ $(PKG_LIBS) $(EXTRA_LIBS) -lpthread -o $@

build/test/unit/%: tests/unit/%.c build/test/libmamori.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(TEST_FLAGS) $(PKG_CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null) $< \
	  build/test/libmamori.a $(PKG_LIBS) $(EXTRA_LIBS) $(shell pkg-config --libs cmocka 2>/dev/null) -lpthread -o $@

# ---- benchmark programs (release build, linked like build/mamori) ----
build/bench/%: bench/*/%.c build/rel/libmamori.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(REL_FLAGS) $(PKG_CFLAGS) $(filter %/$*.c,$^) build/rel/libmamori.a $(PKG_LIBS) $(EXTRA_LIBS) -lpthread -o $@

UNIT_BIN := $(patsubst tests/unit/%.c,build/test/unit/%,$(UNIT_SRC))
test-build: build/test/mamori $(UNIT_BIN)

# ---- the two commands ----
bootstrap:
	@scripts/bootstrap

run: bootstrap
	@$(MAKE) --no-print-directory build/mamori
	@scripts/run-demo

test: bootstrap
	@$(MAKE) --no-print-directory build/mamori test-build
	@scripts/run-tests

bench: bootstrap
	@scripts/bootstrap --bench
	@$(MAKE) --no-print-directory build/mamori build/bench/ledger_bench build/bench/compliance_bench
	@bench/run

clean:
	rm -rf build
