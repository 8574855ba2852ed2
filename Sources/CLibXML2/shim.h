#ifndef SNAPDRIFT_CLIBXML2_SHIM_H
#define SNAPDRIFT_CLIBXML2_SHIM_H

/* Debian's xmlversion.h enables ICU; a Swift module that sees both Foundation and
   libxml2's ICU-including headers fails a clean build with "'UErrorCode' has different
   definitions in different modules". Nothing here needs ICU, so switch it off before
   any other libxml2 header is read. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>

/* xmlFree is a global function-pointer variable, which Swift 6 rejects as shared
   mutable state; call it through a function instead. */
static inline void snapdrift_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
