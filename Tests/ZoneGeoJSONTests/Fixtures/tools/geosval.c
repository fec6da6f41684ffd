#include <geos_c.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
static void h(const char *fmt, ...) { va_list a; va_start(a, fmt); vfprintf(stderr, fmt, a); va_end(a); fputc('\n', stderr);}
int main(void) {
  GEOSContextHandle_t c = GEOS_init_r();
  GEOSContext_setErrorHandler_r(c, h);
  char line[100000];
  printf("GEOS %s\n", GEOSversion());
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    if (!*line) continue;
    GEOSWKTReader *r = GEOSWKTReader_create_r(c);
    GEOSGeometry *g = GEOSWKTReader_read_r(c, r, line);
    if (!g) { printf("READ FAIL\n"); continue; }
    char *reason = NULL; GEOSGeometry *loc = NULL;
    char v = GEOSisValidDetail_r(c, g, 0, &reason, &loc);
    double x=0,y=0;
    if (loc) { GEOSGeomGetX_r(c, loc, &x); GEOSGeomGetY_r(c, loc, &y); }
    printf("%d | %s | %.17g %.17g\n", v, reason ? reason : "-", x, y);
  }
  return 0;
}
