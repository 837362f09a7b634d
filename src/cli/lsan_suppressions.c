/*
 * lsan_suppressions.c — LeakSanitizer suppressions for sanitized builds
 * (GALACTA_ASAN). fontconfig and cairo keep process-wide caches (the parsed
 * font configuration, toy font faces) that LeakSanitizer reports at exit.
 * They are allocated once per process, not per chart: the report is the
 * same 1014 bytes after 1 or 20 charts. The runtime calls this hook; in
 * other builds nothing does.
 */
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcairo.so\n";
}
