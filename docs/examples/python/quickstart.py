import thidua

example = "docs/examples/hong-linh-dot-dac-biet-2024/"
campaign = thidua.load_campaign(example + "campaign.json")
report = campaign.score(example + "results.json")  # or results.csv with votes= and events= tables, a DataFrame
print(report.table(lang="en"))                    # ranks, points per phase, totals, classes
leader = report.units[0]                          # ordered by cluster, then rank
print(leader["name"], leader["total"], leader["class"], leader["awards"])
frame = report.to_pandas()                        # one row per unit, for plots and pivots
print(frame[["total", "class", "cluster_rank"]])
