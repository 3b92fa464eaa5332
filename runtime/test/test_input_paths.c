/* opa_eval's input built along the entrypoint's paths (tollgate_codegen.h, "input paths"): the built value must
 * read the same as the full input along every path, and the text must be checked as completely as a full parse. */
#include "harness.h"

/* Nodes and keys live in static storage (the leak checker would flag malloc'd ones). */
static char storage[4096] __attribute__((aligned(16)));
static size_t used;

static void *take(size_t n)
{
    void *p = storage + used;
    used += (n + 15) & ~(size_t)15;
    return p;
}

static tg_string_t *key(const char *s)
{
    tg_string_t *k = (tg_string_t *)take(sizeof(tg_string_t));
    k->type = TG_STRING;
    k->len = (int32_t)strlen(s);
    k->data = s;
    return k;
}

/* A node of n members: keys[i] with children[i] (0 = observed whole); keys must be given in byte order. */
static tg_input_node *node(int32_t n, const char **keys, const tg_input_node **children)
{
    tg_input_node *nd = (tg_input_node *)take(sizeof(tg_input_node) + (size_t)n * sizeof(tg_input_member));
    nd->count = n;
    for (int32_t i = 0; i < n; i++) {
        nd->members[i].key = key(keys[i]);
        nd->members[i].child = children ? children[i] : 0;
    }
    return nd;
}

static const tg_input_node *seed_paths(void)
{
    static const tg_input_node *root;
    if (root)
        return root;
    static const char *resource_keys[] = {"owner"};
    static const char *user_keys[] = {"id", "role"};
    static const char *root_keys[] = {"action", "resource", "tenant_id", "user"};
    const tg_input_node *children[] = {0, node(1, resource_keys, 0), 0, node(2, user_keys, 0)};
    root = node(4, root_keys, children);
    return root;
}

static const char *selected(const char *text, const tg_input_node *paths)
{
    return DR(tg_parse_input(text, (int32_t)strlen(text), paths));
}

static void rejected(const char *text)
{
    CHECK(tg_parse_input(text, (int32_t)strlen(text), seed_paths()) == 0);
    CHECK(tg_parse_borrowing(text, (int32_t)strlen(text)) == 0);
}

void test_input_paths(void)
{
    const tg_input_node *seed = seed_paths();
    /* The seed input: resource.type is left out, everything on a path is built; keys come out in order. */
    CHECK_STR(selected("{\"tenant_id\":\"t1\",\"user\":{\"id\":\"u1\",\"role\":\"admin\"},\"action\":\"write\","
                       "\"resource\":{\"type\":\"doc\",\"owner\":\"u9\"}}", seed),
              "{\"action\":\"write\",\"resource\":{\"owner\":\"u9\"},\"tenant_id\":\"t1\",\"user\":{\"id\":\"u1\",\"role\":\"admin\"}}");
    /* No paths: the whole input. */
    CHECK_STR(selected("{\"b\": 1, \"a\": {\"x\": [1]}}", 0), "{\"a\":{\"x\":[1]},\"b\":1}");
    /* Members not on a path, of every kind, are dropped; whole members keep all of their contents. */
    CHECK_STR(selected("{\"z\": {\"a\": [1, {\"b\": 2}], \"s\": {1, 2}}, \"n\": -1.5e3, \"t\": true, \"q\": null, "
                       "\"action\": {\"deep\": [\"x\", {\"y\": \"z\"}]}, \"e\": \"a\\nb\"}", seed),
              "{\"action\":{\"deep\":[\"x\",{\"y\":\"z\"}]}}");
    /* The last of duplicate members wins, on and off a path. */
    CHECK_STR(selected("{\"action\": \"a\", \"x\": 1, \"action\": \"b\", \"x\": 2}", seed), "{\"action\":\"b\"}");
    CHECK_STR(selected("{\"user\": {\"id\": \"1\"}, \"user\": {\"role\": \"r\"}}", seed), "{\"user\":{\"role\":\"r\"}}");
    /* A value on a path that is not an object is built as it is: its readers see a string, array or set. */
    CHECK_STR(selected("{\"user\": \"bob\", \"resource\": [1, {\"owner\": 2}]}", seed),
              "{\"resource\":[1,{\"owner\":2}],\"user\":\"bob\"}");
    CHECK_STR(selected("{\"user\": {\"id\", \"role\"}}", seed), "{\"user\":{\"id\",\"role\"}}");
    CHECK_STR(selected("{\"user\": {\"id\"}}", seed), "{\"user\":{\"id\"}}");
    CHECK_STR(selected("[1, {\"action\": 2}]", seed), "[1,{\"action\":2}]");
    CHECK_STR(selected("\"s\"", seed), "\"s\"");
    /* Empty objects stay (input.user is defined), and so do objects none of whose members are on a path. */
    CHECK_STR(selected("{\"user\": {}, \"resource\": {\"type\": \"doc\"}}", seed), "{\"resource\":{},\"user\":{}}");
    CHECK_STR(selected("{}", seed), "{}");
    CHECK_STR(selected(" { } ", seed), "{}");
    /* Keys written with escapes or (Rego syntax) as raw strings name the same members; other keys never match. */
    CHECK_STR(selected("{\"us\\u0065r\": {\"\\u0069d\": 7}}", seed), "{\"user\":{\"id\":7}}");
    CHECK_STR(selected("{`action`: 1, 1: 2, [\"action\"]: 3}", seed), "{\"action\":1}");
    /* Rego syntax elsewhere: trailing commas. */
    CHECK_STR(selected("{\"action\": 1, \"x\": 2,}", seed), "{\"action\":1}");
    /* The selected value reads like the full one along the paths. */
    const char *text = "{\"user\": {\"role\": \"admin\", \"x\": 1}, \"action\": \"read\", \"other\": [1]}";
    tg_value *full = tg_parse_borrowing(text, (int32_t)strlen(text));
    tg_value *part = tg_parse_input(text, (int32_t)strlen(text), seed);
    CHECK(tg_value_equal(tg_value_get_str(tg_value_get_str(full, "user"), "role"),
                         tg_value_get_str(tg_value_get_str(part, "user"), "role")));
    CHECK(tg_value_equal(tg_value_get_str(full, "action"), tg_value_get_str(part, "action")));
    CHECK(tg_value_get_str(part, "other") == 0 && tg_value_get_str(tg_value_get_str(part, "user"), "x") == 0);
    CHECK(((tg_map_t *)part)->sorted == 1);

    /* Invalid text anywhere fails, as the full parse does, whether or not it is on a path. */
    rejected("");
    rejected(" ");
    rejected("{");
    rejected("{\"x\": [1,}");
    rejected("{\"x\": \"a\tb\"}");
    rejected("{\"x\": \"a\\qb\"}");
    rejected("{\"x\": tru}");
    rejected("{\"x\": 1} x");
    rejected("{\"x\" 1}");
    rejected("{\"x\": 1 \"y\": 2}");
    rejected("{\"x\": 01}");
    rejected("{\"action\": \"abc");
    rejected("{\"user\": {\"id\": }}");
    rejected("{\"user\": {\"id\": 1,, }}");
    rejected("{\"x\": \"unterminated}");
    rejected("{\"us\\qer\": 1}");
    rejected("{,}");
    rejected("{\"user\": {\"id\": 1}");
    /* Nesting deeper than the cap fails in skipped members and on paths alike. */
    static char deep[5000];
    strcpy(deep, "{\"x\": ");
    for (int i = 0; i < 2000; i++)
        deep[6 + i] = '[';
    for (int i = 0; i < 2000; i++)
        deep[2006 + i] = ']';
    strcpy(deep + 4006, "}");
    CHECK(tg_parse_input(deep, (int32_t)strlen(deep), seed) == 0);

    /* More than eight members on a node: the object gets its hash index, lookups still work. */
    static const char *many[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    const tg_input_node *wide = node(10, many, 0);
    const char *w = "{\"j\":10,\"i\":9,\"h\":8,\"g\":7,\"f\":6,\"e\":5,\"d\":4,\"c\":3,\"b\":2,\"a\":1,\"k\":11}";
    tg_value *wv = tg_parse_input(w, (int32_t)strlen(w), wide);
    CHECK(wv && tg_value_length(wv) == 10);
    CHECK_STR(D(tg_value_get_str(wv, "i")), "9");
    CHECK(tg_value_get_str(wv, "k") == 0);
}
