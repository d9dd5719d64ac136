#ifndef THIDUA_C_H
#define THIDUA_C_H
/**
 * @file c.h
 * The C API of libthidua, for C programs and for every language with a foreign function interface (PHP FFI,
 * C# P/Invoke, Python ctypes, Java's Panama or JNA …). Plain C99; docs/c-api.md shows it from each language.
 *
 * Texts go in as UTF-8 bytes with their length (they need no terminating NUL) and come out as NUL-terminated UTF-8.
 * Every function that can fail returns a #thidua_status and, when `error` is not NULL, stores in `*error` a
 * #thidua_error describing the failure (or NULL on success). No C++ exception ever leaves a function of this
 * header: out of memory is #THIDUA_OUT_OF_MEMORY, any other failure inside the library #THIDUA_INTERNAL_ERROR.
 *
 * Ownership: every `char*` a function stores in an out-parameter belongs to the caller, who releases it with
 * thidua_string_free(); every `thidua_error*` with thidua_error_free(); a #thidua_campaign with
 * thidua_campaign_free(); a #thidua_report with thidua_report_free(). A `const char*` a function returns belongs to
 * the object it was read from (the library for thidua_version() and thidua_status_name()) and stays valid as long
 * as that object. On failure every out-parameter other than `error` is set to NULL.
 *
 * Threads: the functions keep no global state. Any number of threads may call them at once, each with its own
 * handles; a #thidua_campaign and a #thidua_report are immutable once made, so threads may also share one (scoring
 * one campaign from several threads at once, or explaining units of one report). Only the *_free functions need the
 * caller to make sure no other thread still uses the handle.
 *
 * @code
 * char* report = NULL;
 * thidua_error* error = NULL;
 * if (thidua_score_json(campaign, campaign_len, results, results_len, &report, &error) == THIDUA_OK) {
 *     puts(report);
 *     thidua_string_free(report);
 * } else {
 *     fprintf(stderr, "%s\n", thidua_error_text(error));  // e.g. "results /results/3/unit: unknown unit 'x'"
 *     thidua_error_free(error);
 * }
 * @endcode
 */

#include <stddef.h>
#include <stdint.h>

/**
 * Marks the functions of this header as exported from the shared library, whatever visibility the library's other
 * symbols are compiled with. Define it before including the header to override it.
 */
#ifndef THIDUA_C_API
#if defined(__GNUC__) || defined(__clang__)
#define THIDUA_C_API __attribute__((visibility("default")))
#else
#define THIDUA_C_API
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * What a function returned: #THIDUA_OK, or the kind of failure. The input errors (parse to limit) are the classes of
 * the C++ `thidua::error` hierarchy and of Python's `thidua.Error`. The numbers are part of the ABI and never change.
 */
typedef enum thidua_status {
    THIDUA_OK = 0,                ///< success
    THIDUA_PARSE_ERROR = 1,       ///< the text is not well-formed JSON or CSV (`thidua::parse_error`)
    THIDUA_SCHEMA_ERROR = 2,      ///< a key is unknown or missing, or a value has the wrong type or form
    THIDUA_REFERENCE_ERROR = 3,   ///< an id is empty, duplicated or names nothing (an unknown unit …)
    THIDUA_VALIDATION_ERROR = 4,  ///< well-formed documents that break a rule of the domain
    THIDUA_ARITHMETIC_ERROR = 5,  ///< a computation left the range of exact decimals
    THIDUA_LIMIT_ERROR = 6,       ///< the input exceeds a cap of `thidua::limits` (size, nesting, units …)
    THIDUA_INVALID_ARGUMENT = 7,  ///< the caller passed NULL where a pointer is required
    THIDUA_OUT_OF_MEMORY = 8,     ///< memory ran out
    THIDUA_INTERNAL_ERROR = 9     ///< a failure inside the library (a bug: please report it)
} thidua_status;

/** A failure: its status, message and the place in the input that caused it. Free it with thidua_error_free(). */
typedef struct thidua_error thidua_error;

/**
 * A campaign read, validated and compiled once, then scored against any number of result sets (a server keeps one
 * per campaign). Made by thidua_campaign_read(), freed with thidua_campaign_free().
 */
typedef struct thidua_campaign thidua_campaign;

/**
 * The outcome of scoring: every unit's points, total, class, ranks and awards. Made by thidua_campaign_score() or
 * thidua_campaign_score_csv(), freed with thidua_report_free(). It keeps what it needs of its campaign: the campaign
 * may be freed first.
 */
typedef struct thidua_report thidua_report;

/**
 * One unit of a report as its tables show it (thidua_report_unit()). The strings belong to the report and stay
 * valid until thidua_report_free().
 */
typedef struct thidua_unit_row {
    const char* id;            ///< the unit's id
    const char* name;          ///< its name
    const char* cluster;       ///< the id of its cluster
    const char* total;         ///< its total at the campaign's precision, as the report JSON writes it ("101.23")
    const char* class_id;      ///< the id of its class
    const char* class_title;   ///< the title of its class
    int32_t cluster_rank;      ///< its rank in its cluster, from 1
    int32_t overall_rank;      ///< its rank among all units, from 1
} thidua_unit_row;

/** The library version, "major.minor.patch" (the library's, not the header's). Owned by the library. */
THIDUA_C_API const char* thidua_version(void);

/**
 * The name of a status: "ok", "parse", "schema", "reference", "validation", "arithmetic", "limit",
 * "invalid_argument", "out_of_memory", "internal"; "unknown" for a number that is none of them. Owned by the library.
 */
THIDUA_C_API const char* thidua_status_name(int status);

/**
 * Scores results against a campaign, both JSON documents (docs/format.md), and returns the report document:
 * byte for byte what C++ `thidua::to_json(report)` and Python `Report.to_json()` write.
 *
 * @param campaign the campaign document, `campaign_len` bytes of UTF-8
 * @param campaign_len the length of `campaign` in bytes
 * @param results the results document (rows, events, votes), `results_len` bytes of UTF-8
 * @param results_len the length of `results` in bytes
 * @param report_json receives the report document, NUL-terminated; free it with thidua_string_free()
 * @param error receives the error on failure (may be NULL: then only the status tells)
 * @returns #THIDUA_OK, or the status of the first error found
 */
THIDUA_C_API int thidua_score_json(const char* campaign, size_t campaign_len, const char* results,
                                   size_t results_len, char** report_json, thidua_error** error);

/**
 * Scores results given as CSV tables (docs/format.md, Tables) against a campaign (JSON) and returns the report
 * document. Numbers, dates and yes/no are read as the campaign's language writes them (its `language`, else
 * Vietnamese: "12,5" and "15/03/2024" as well as "12.5" and "2024-03-15"), as Python's `Campaign.score` reads a
 * CSV file. Errors name the table ("results.csv", "votes.csv", "events.csv"), its line and its column.
 *
 * @param campaign the campaign document, `campaign_len` bytes
 * @param campaign_len the length of `campaign` in bytes
 * @param results_csv the result rows: unit,criterion,phase,date,value,target,status,submitted,note
 * @param results_len the length of `results_csv` in bytes
 * @param votes_csv the council's votes (unit,award,yes,of), or NULL when not given
 * @param votes_len the length of `votes_csv` in bytes
 * @param events_csv the adjustment events (unit,adjustment,count,note), or NULL when not given
 * @param events_len the length of `events_csv` in bytes
 * @param report_json receives the report document; free it with thidua_string_free()
 * @param error receives the error on failure (may be NULL)
 * @returns #THIDUA_OK, or the status of the first error found
 */
THIDUA_C_API int thidua_score_csv(const char* campaign, size_t campaign_len, const char* results_csv,
                                  size_t results_len, const char* votes_csv, size_t votes_len, const char* events_csv,
                                  size_t events_len, char** report_json, thidua_error** error);

/**
 * Checks a campaign document alone (`results` NULL), or a campaign and a results document together (every row
 * bound to its unit, criterion and phase, as scoring does).
 *
 * @param campaign the campaign document, `campaign_len` bytes
 * @param campaign_len the length of `campaign` in bytes
 * @param results the results document, `results_len` bytes, or NULL to check the campaign alone
 * @param results_len the length of `results` in bytes
 * @param error receives the first error (may be NULL)
 * @returns #THIDUA_OK when valid, else the status of the first error
 */
THIDUA_C_API int thidua_validate(const char* campaign, size_t campaign_len, const char* results, size_t results_len,
                                 thidua_error** error);

/**
 * Reads, validates and compiles a campaign document.
 *
 * @param json the campaign document, `json_len` bytes
 * @param json_len the length of `json` in bytes
 * @param campaign receives the campaign; free it with thidua_campaign_free()
 * @param error receives the error on failure (may be NULL)
 * @returns #THIDUA_OK, or the status of the first error found
 */
THIDUA_C_API int thidua_campaign_read(const char* json, size_t json_len, thidua_campaign** campaign,
                                      thidua_error** error);

/**
 * Scores a results document (JSON) against a campaign.
 *
 * @param campaign a campaign from thidua_campaign_read()
 * @param results the results document, `results_len` bytes
 * @param results_len the length of `results` in bytes
 * @param report receives the report; free it with thidua_report_free()
 * @param error receives the error on failure (may be NULL)
 * @returns #THIDUA_OK, or the status of the first error found
 */
THIDUA_C_API int thidua_campaign_score(const thidua_campaign* campaign, const char* results, size_t results_len,
                                       thidua_report** report, thidua_error** error);

/**
 * Scores CSV tables against a campaign, read as thidua_score_csv() reads them.
 *
 * @param campaign a campaign from thidua_campaign_read()
 * @param results_csv the result rows, `results_len` bytes
 * @param results_len the length of `results_csv` in bytes
 * @param votes_csv the votes table, or NULL when not given
 * @param votes_len the length of `votes_csv` in bytes
 * @param events_csv the events table, or NULL when not given
 * @param events_len the length of `events_csv` in bytes
 * @param report receives the report; free it with thidua_report_free()
 * @param error receives the error on failure (may be NULL)
 * @returns #THIDUA_OK, or the status of the first error found
 */
THIDUA_C_API int thidua_campaign_score_csv(const thidua_campaign* campaign, const char* results_csv,
                                           size_t results_len, const char* votes_csv, size_t votes_len,
                                           const char* events_csv, size_t events_len, thidua_report** report,
                                           thidua_error** error);

/** Frees a campaign (NULL does nothing). Reports made from it stay valid. */
THIDUA_C_API void thidua_campaign_free(thidua_campaign* campaign);

/**
 * The report document (docs/format.md, Report), byte for byte what thidua_score_json() returns for the same input.
 *
 * @param report a report
 * @param json receives the document; free it with thidua_string_free()
 * @param error receives the error on failure (may be NULL)
 * @returns #THIDUA_OK, or the status of the failure
 */
THIDUA_C_API int thidua_report_json(const thidua_report* report, char** json, thidua_error** error);

/**
 * How one unit's report came about, step by step, as prose: one line per step, items indented under their section.
 * The same text as C++ `thidua::explain(report, u, lang).prose()` and Python `str(Report.explain(unit, lang=lang))`.
 *
 * @param report a report
 * @param unit the unit's id (NUL-terminated); an unknown id is #THIDUA_REFERENCE_ERROR
 * @param lang "vi" or "en" (another is #THIDUA_SCHEMA_ERROR); NULL or "" for the campaign's language
 * @param text receives the explanation; free it with thidua_string_free()
 * @param error receives the error on failure (may be NULL)
 * @returns #THIDUA_OK, or the status of the failure
 */
THIDUA_C_API int thidua_report_explain(const thidua_report* report, const char* unit, const char* lang, char** text,
                                       thidua_error** error);

/** The number of units of a report (0 for NULL). */
THIDUA_C_API size_t thidua_report_units(const thidua_report* report);

/**
 * The unit at `position` of a report's order: by cluster (in the campaign's order), then by cluster rank.
 *
 * @param report a report
 * @param position 0 to thidua_report_units() − 1; beyond is #THIDUA_INVALID_ARGUMENT
 * @param row receives the unit; its strings belong to the report
 * @param error receives the error on failure (may be NULL)
 * @returns #THIDUA_OK, or the status of the failure
 */
THIDUA_C_API int thidua_report_unit(const thidua_report* report, size_t position, thidua_unit_row* row,
                                    thidua_error** error);

/** Frees a report (NULL does nothing). */
THIDUA_C_API void thidua_report_free(thidua_report* report);

/** The status of an error (#THIDUA_OK for NULL). */
THIDUA_C_API int thidua_error_status(const thidua_error* error);

/**
 * The whole sentence: the place, then the message ("results /results/3/unit: unknown unit 'x'"), as C++
 * `what()` and Python `str(exc)` write it. Owned by the error; "" for NULL.
 */
THIDUA_C_API const char* thidua_error_text(const thidua_error* error);

/** The message without its place ("unknown unit 'x'"), as C++ `message()`. Owned by the error; "" for NULL. */
THIDUA_C_API const char* thidua_error_message(const thidua_error* error);

/**
 * The document the error is in: "campaign", "results", "results.csv", "votes.csv" or "events.csv"; "" when the
 * error is not about an input. Owned by the error; "" for NULL.
 */
THIDUA_C_API const char* thidua_error_document(const thidua_error* error);

/**
 * The JSON pointer (RFC 6901) of the value at fault ("/phases/1/start"); "" for the whole document, for an error
 * found at a line of a text (see thidua_error_line()) and for NULL. Owned by the error.
 */
THIDUA_C_API const char* thidua_error_pointer(const thidua_error* error);

/** The line (from 1) of a CSV table, or of a JSON text that is not well-formed; 0 when none, and for NULL. */
THIDUA_C_API size_t thidua_error_line(const thidua_error* error);

/**
 * The CSV column's name ("value"), or the character column of a JSON syntax error; "" when none, and for NULL.
 * Owned by the error.
 */
THIDUA_C_API const char* thidua_error_column(const thidua_error* error);

/** Frees an error (NULL does nothing). */
THIDUA_C_API void thidua_error_free(thidua_error* error);

/** Frees a string this library returned through a `char**` (NULL does nothing). */
THIDUA_C_API void thidua_string_free(char* text);

#ifdef __cplusplus
}
#endif

#endif /* THIDUA_C_H */
