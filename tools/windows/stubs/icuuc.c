/* A stand-in for Windows' own icuuc.dll, for Wine only (build and test, never shipped).

   Why: Qt 6.11's Qt6Core.dll imports 20 ucnv_* functions from the ICU that Windows 10
   and 11 carry in C:\Windows\System32\icuuc.dll. Wine 8 has no such DLL, so Qt (and
   with it the app) cannot even start under Wine. Qt only uses ICU's converters for
   legacy code pages the app never asks for; when ucnv_open fails Qt falls back to its
   own UTF-8/UTF-16/Latin-1 codecs. So every function here fails or does nothing.

   Built by tools/windows/build.sh with mingw-w64 into the Wine prefix's system32; the
   check (tools/windows/check.sh) fails if it ever ends up in the .exe. */
#include <stddef.h>

typedef int UErrorCode;                /* ICU's error code: > 0 is an error */
#define U_FILE_ACCESS_ERROR 4          /* "the requested file cannot be found" */

void *ucnv_open(const char *name, UErrorCode *error)
{
    (void)name;
    if (error != NULL && *error <= 0)
        *error = U_FILE_ACCESS_ERROR;
    return NULL;
}

/* Never reached with a converter (ucnv_open never returns one): harmless no-ops. */
void ucnv_close(void *converter) { (void)converter; }
void ucnv_reset(void *converter) { (void)converter; }
int ucnv_getMaxCharSize(const void *converter) { (void)converter; return 1; }
const char *ucnv_getName(const void *converter, UErrorCode *error)
{
    (void)converter;
    (void)error;
    return "";
}
void ucnv_getToUCallBack(const void *c, void **action, const void **context)
{
    (void)c;
    *action = NULL;
    *context = NULL;
}
void ucnv_getFromUCallBack(const void *c, void **action, const void **context)
{
    (void)c;
    *action = NULL;
    *context = NULL;
}
void ucnv_setToUCallBack(void *c, void *a, const void *ctx, void **oa, const void **octx,
                         UErrorCode *error)
{
    (void)c; (void)a; (void)ctx; (void)oa; (void)octx; (void)error;
}
void ucnv_setFromUCallBack(void *c, void *a, const void *ctx, void **oa, const void **octx,
                           UErrorCode *error)
{
    (void)c; (void)a; (void)ctx; (void)oa; (void)octx; (void)error;
}
void ucnv_cbToUWriteUChars(void *args, const void *source, int length, int offset,
                           UErrorCode *error)
{
    (void)args; (void)source; (void)length; (void)offset; (void)error;
}
void ucnv_cbFromUWriteUChars(void *args, const void **source, const void *limit, int offset,
                             UErrorCode *error)
{
    (void)args; (void)source; (void)limit; (void)offset; (void)error;
}
void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl,
                    int *o, int flush, UErrorCode *error)
{
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)flush; (void)error;
}
void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl,
                      int *o, int flush, UErrorCode *error)
{
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)flush; (void)error;
}
int ucnv_toUCountPending(const void *c, UErrorCode *error) { (void)c; (void)error; return 0; }
int ucnv_fromUCountPending(const void *c, UErrorCode *error) { (void)c; (void)error; return 0; }
const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *error)
{
    (void)name; (void)standard; (void)error;
    return NULL;
}
const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
int ucnv_countAvailable(void) { return 0; }
void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
