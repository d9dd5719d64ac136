/* Scores a campaign through libthidua's C API and prints each unit's total, rank and class; then shows how a
 * refused input names its place. Build: gcc main.c $(pkg-config --cflags --libs thidua) -o c-consumer
 * Run:   ./c-consumer campaign.json results.json */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <thidua/c.h>

/* The whole file in memory (the caller frees it), its size in *size; NULL when it cannot be read. */
static char* read_file(const char* path, size_t* size) {
    FILE* file = fopen(path, "rb");
    char* text = NULL;
    long end = -1;
    if (file != NULL && fseek(file, 0, SEEK_END) == 0) end = ftell(file);
    if (end >= 0 && fseek(file, 0, SEEK_SET) == 0) text = malloc((size_t)end + 1);
    if (text != NULL) {
        *size = fread(text, 1, (size_t)end, file);
        if (*size != (size_t)end) {
            free(text);
            text = NULL;
        }
    }
    if (file != NULL) fclose(file);
    return text;
}

/* Prints a failure: its status, then where and what ("results /results/0/unit: unknown unit …"). */
static void print_error(const char* doing, int status, const thidua_error* error) {
    fprintf(stdout, "%s: %s error at %s %s: %s\n", doing, thidua_status_name(status), thidua_error_document(error),
            thidua_error_pointer(error), thidua_error_message(error));
}

int main(int argc, char** argv) {
    size_t campaign_len = 0, results_len = 0, u;
    char *campaign_json, *results_json;
    thidua_campaign* campaign = NULL;
    thidua_report* report = NULL;
    thidua_error* error = NULL;
    int status, ok = 0;
    static const char broken[] = "{\"thidua_results\": 1, \"results\": [{\"unit\": \"no-such-unit\", \"criterion\": \"x\"}]}";

    if (argc != 3) {
        fprintf(stderr, "usage: %s campaign.json results.json\n", argv[0]);
        return 2;
    }
    campaign_json = read_file(argv[1], &campaign_len);
    results_json = read_file(argv[2], &results_len);
    if (campaign_json == NULL || results_json == NULL) {
        fprintf(stderr, "cannot read %s\n", campaign_json == NULL ? argv[1] : argv[2]);
        return 2;
    }
    printf("thidua %s\n", thidua_version());

    /* Read the campaign once; a server keeps it and scores every result set against it. */
    status = thidua_campaign_read(campaign_json, campaign_len, &campaign, &error);
    if (status != THIDUA_OK) {
        print_error("campaign", status, error);
    } else if ((status = thidua_campaign_score(campaign, results_json, results_len, &report, &error)) != THIDUA_OK) {
        print_error("results", status, error);
    } else {
        for (u = 0; u < thidua_report_units(report); ++u) {
            thidua_unit_row row;
            if (thidua_report_unit(report, u, &row, NULL) == THIDUA_OK) {
                printf("%s: %s (rank %d, %s)\n", row.name, row.total, (int)row.cluster_rank, row.class_title);
            }
        }
        /* A row naming a unit the campaign does not have is refused, and the error says where. */
        thidua_report_free(report);
        report = NULL;
        status = thidua_campaign_score(campaign, broken, sizeof broken - 1, &report, &error);
        print_error("broken results", status, error);
        ok = status == THIDUA_REFERENCE_ERROR && strcmp(thidua_error_pointer(error), "/results/0/unit") == 0;
    }

    thidua_error_free(error);
    thidua_report_free(report);
    thidua_campaign_free(campaign);
    free(campaign_json);
    free(results_json);
    return ok ? 0 : 1;
}
