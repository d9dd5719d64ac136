"""Explanations quote the inputs, the rule, the threshold and the points, in Vietnamese and English."""

import pytest

import thidua

from helpers import golden_cases, load_exact


def report_of(name):
    case = load_exact(golden_cases()[name])
    return thidua.load_campaign(case["campaign"]).score(case["results"])


def lines(explanation):
    return explanation.text.splitlines()


def test_a_ratio_is_explained_with_its_inputs_in_both_languages():
    r = report_of("01-ratio-linear.json")
    en, vi = r.explain("tốt-động", lang="en"), r.explain("tốt-động", lang="vi")
    assert "  - Quỹ Vì người nghèo: 7 of a target of 9 (77.78%) → 7.78 of 10 points, linear credit" in lines(en)
    assert "  - Quỹ Vì người nghèo: đạt 7/9 chỉ tiêu (77,78 %) → 7,78/10 điểm, tính theo tỷ lệ" in lines(vi)
    assert "  - Score on a scale of 100: 100 × 7.78 / 10.00 = 77.80" in lines(en)
    assert "  - Chưa đạt «Hoàn thành xuất sắc nhiệm vụ»: tổng điểm 77,80, chưa đạt mức tối thiểu 90" in lines(vi)
    step = next(s for s in en.steps if s["step"] == "points")
    assert step == {
        "step": "points", "phase": "main", "subject": "quy",
        "inputs": {"value": "7", "target": "9", "target_source": "rule"},
        "rule": "ratio, linear credit", "threshold": "target 9", "points": "7.78", "max": "10",
        "text": "Quỹ Vì người nghèo: 7 of a target of 9 (77.78%) → 7.78 of 10 points, linear credit",
        "depth": 1,
    }


def test_phases_weights_late_reports_and_exemptions_are_explained():
    r = report_of("23-phases-weights-dates-late-penalty-bonus-cap.json")
    en = lines(r.explain("duc-thuan", lang="en"))
    assert "Giai đoạn 1 (2023-11-01–2024-07-31, weight 0.6):" in en
    assert ("  - Mô hình do Mặt trận chủ trì: 2 of a target of 7 given in the report (28.57%) → 8.57 of 30 points, "
            "linear credit") in en
    assert "  - Mô hình do Mặt trận chủ trì: exempt → left out of the unit's scale" in en
    assert "Score: 0.6 × 46.43 + 0.4 × 50.00 = 47.86" in en  # weights summing to 1 divide nothing
    assert "  - Late reports: 1 × 0.5 = 0.50" in en
    assert ("Note: the report on “Mô hình do Mặt trận chủ trì” (Phase 2) came on 2024-12-01, after the due date "
            "2024-11-10") in en
    vi = lines(r.explain("duc-thuan", lang="vi"))
    assert "Giai đoạn 1 (01/11/2023–31/07/2024, trọng số 0,6):" in vi
    assert "Lưu ý: báo cáo «Mô hình do Mặt trận chủ trì» (Giai đoạn 2) nộp ngày 01/12/2024, sau hạn 10/11/2024" in vi
    vi = lines(r.explain("bac-hong", lang="vi"))
    assert "Điểm thưởng: 3,00, tối đa 2,50 → 2,50" in vi
    assert "  - Nộp báo cáo muộn: 3 × 0,5 = 1,50, tối đa 1,00 → 1,00" in vi


def test_ties_and_their_deciding_rule_are_explained():
    r = report_of("11-tie-breaks.json")
    assert ("  - Tied at 60.00 with Xã Hữu Văn, Xã Trần Phú, Xã Đồng Lạc; the tie-break “Tỷ lệ phiếu bầu” decides: 6/8"
            in lines(r.explain("mỹ-lương", lang="en")))
    assert ("  - Bằng 0,00 điểm với Xã Nam Phương Tiến; không tiêu chí phụ nào phân định được, đồng hạng 7 với "
            "Xã Nam Phương Tiến") in lines(r.explain("tân-tiến", lang="vi"))


def test_a_quota_and_a_tie_past_it_are_explained():
    r = report_of("24-classes-mandatory-quota-fall-through.json")
    en = lines(r.explain("hoang-van-thu", lang="en"))
    assert ("  - Not “Hoàn thành xuất sắc nhiệm vụ”: qualifies, but the class is capped at 34% (2 of 6 units of the "
            "cluster)") in en
    assert "  - Admitted past the quota: tied with the last unit admitted to this class" in en


def test_award_gates_are_explained():
    r = report_of("26-awards-gates-quotas-ties.json")
    vi = lines(r.explain("hoang-mai", lang="vi"))
    assert "Không được Cờ thi đua: 6/8 phiếu đồng ý (75 %), chưa đạt 80 %" in vi
    assert "Được Bằng khen, vượt số lượng vì bằng điểm với đơn vị nhận cuối cùng" not in vi  # hoang-mai is within
    en = lines(r.explain("hai-ba-trung", lang="en"))
    assert "Not eligible for emulation titles and awards: Vi phạm kỷ luật" in en
    assert ("Does not receive Cờ thi đua: not eligible for awards (a disqualifying event); class “Hoàn thành tốt nhiệm "
            "vụ” is below the required “Hoàn thành xuất sắc nhiệm vụ”; no ballot (at least 80% in favour needed)") in en
    vi = lines(r.explain("hai-ba-trung", lang="vi"))
    assert "Thuộc trường hợp không xét thi đua, khen thưởng: Vi phạm kỷ luật" in vi
    assert "  - Chưa đạt «Hoàn thành xuất sắc nhiệm vụ»: thuộc trường hợp không xét thi đua, khen thưởng" in vi


def test_explanations_have_structured_steps_and_a_frame():
    r = report_of("09-bonus-penalty-late.json")
    e = r.explain("tốt-động", lang="en")
    kinds = [s["step"] for s in e.steps]
    assert kinds[0] == "unit" and "total" in kinds and "class" in kinds and "rank" in kinds
    frame = e.to_pandas()
    assert list(frame.columns) == ["step", "phase", "subject", "inputs", "rule", "threshold", "points", "max", "text",
                                   "depth"]
    assert str(e) == e.text
    assert "<li>" in e._repr_html_()


def test_an_unknown_unit_or_language_is_an_error():
    r = report_of("01-ratio-linear.json")
    with pytest.raises(thidua.IdError):
        r.explain("nowhere")
    with pytest.raises(thidua.SchemaError):
        r.explain("tốt-động", lang="fr")
