/*
 * The floor: what parsing the same pages with libxml2 and evaluating the same XPath costs,
 * and nothing else. Reads a list of page paths (one per line) from standard input; for each,
 * parses it with libxml2's HTML parser (recover, no network, no error output) and evaluates
 * the XPath expressions the benchmark spec compiles to, reading the text of every match.
 * Prints the number of pages and matches, so the work cannot be optimised away.
 *
 * Build: cc -O2 floor.c $(pkg-config --cflags --libs libxml-2.0) -o floor
 */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path, long *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    *size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *buffer = malloc(*size + 1);
    if (fread(buffer, 1, *size, file) != (size_t)*size) { fclose(file); free(buffer); return NULL; }
    fclose(file);
    return buffer;
}

static void quiet(void *context, xmlErrorPtr error) { (void)context; (void)error; }

int main(int argc, char **argv) {
    /* The XPath snapdrift compiles from the benchmark spec: the JSON-LD script search and
       the two CSS rules (link[rel=canonical], h1). Extra expressions can be given as arguments. */
    const char *defaults[] = {"descendant::script[@type]", "descendant-or-self::link[@rel = 'canonical']", "descendant-or-self::h1"};
    int count = argc > 1 ? argc - 1 : 3;
    const char **sources = argc > 1 ? (const char **)(argv + 1) : defaults;
    xmlInitParser();
    xmlSetStructuredErrorFunc(NULL, quiet);
    xmlXPathCompExprPtr *compiled = calloc(count, sizeof(xmlXPathCompExprPtr));
    for (int i = 0; i < count; i++) compiled[i] = xmlXPathCompile((const xmlChar *)sources[i]);
    char line[4096];
    long pages = 0, matches = 0, textBytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        long size = 0;
        char *bytes = read_file(line, &size);
        if (!bytes) continue;
        /* The options snapdrift parses with: XML_PARSE_HUGE (1 << 19) lifts libxml2's depth
           limit of 256, past which it silently drops the rest of a page (8,322 elements of this
           corpus sit below it). */
        htmlDocPtr doc = htmlReadMemory(bytes, (int)size, NULL, NULL,
            HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | (1 << 19));
        free(bytes);
        if (!doc) continue;
        pages++;
        xmlXPathContextPtr context = xmlXPathNewContext(doc);
        for (int i = 0; i < count; i++) {
            xmlXPathObjectPtr result = xmlXPathCompiledEval(compiled[i], context);
            if (result && result->nodesetval) {
                for (int n = 0; n < result->nodesetval->nodeNr; n++) {
                    xmlChar *text = xmlNodeGetContent(result->nodesetval->nodeTab[n]);
                    if (text) { textBytes += strlen((const char *)text); xmlFree(text); }
                    matches++;
                }
            }
            xmlXPathFreeObject(result);
        }
        xmlXPathFreeContext(context);
        xmlFreeDoc(doc);
    }
    printf("%ld pages, %ld matches, %ld text bytes\n", pages, matches, textBytes);
    return 0;
}
