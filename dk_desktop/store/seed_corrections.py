"""The seed's figures as a second reading of the Political Report corrected them (issue 12
§5; db/resolution.json has the corrected figures, docs/seed-format.md the reasons): for each
figure code, each changed column as (what the earlier seed wrote, what it writes now).

Migration m003 gives a database made from the earlier seed each correction where the figure
still holds the earlier words, so that a clerk's own change is kept. Never edit this table
once shipped: a later correction gets its own table and migration.
"""

from __future__ import annotations

from typing import Any

SEED_CORRECTIONS_2026_12: dict[str, dict[str, tuple[Any, Any]]] = {
    "CT03d": {
        "kind": ("level", "rate_range"),
        "note": (
            "“phấn đấu đến năm 2030 ... đạt 7,0%” (không ghi “/năm”, không có khoảng): "
            "là mức tốc độ tăng trưởng cần đạt vào năm 2030, nên theo dõi như mức cần "
            "đạt (level), không phải tốc độ hằng năm trong khoảng (rate_range).",
            "“phấn đấu đến năm 2030, tốc độ tăng trưởng ngành chăn nuôi đạt 7,0%”: là "
            "tốc độ tăng trưởng như chỉ số tốc độ tăng trưởng ngành trồng trọt "
            "(CT03b), theo dõi theo năm và bình quân nhiệm kỳ (từ 7,0 %/năm trở lên); "
            "văn bản không ghi “/năm” và không có khoảng.",
        ),
        "unit": ("%", "%/năm"),
    },
    "CT04c": {
        "baseline": (39.1, None),
        "baseline_source": (
            "Tiếp tục lãnh đạo, chỉ đạo phát huy lợi thế nuôi trồng thủy "
            "sản, tiếp tục duy trì diện tích ao, hồ hàng năm 39,1ha (xã Tà "
            "Lại 21 ha; xã Nà Mường 5 ha; xã Quy Hướng 12 ha; xã Chiềng "
            "Chung 20ha); hợp tác xã nuôi trồng thủy sản tại bản Suối Giang "
            "xã Quy Hướng, với 145 lồng cá, đạt 116% so với Nghị quyết Đại "
            "hội, sản lượng đạt 715 tấn; thu nhập bình quân đạt trên 20 "
            "triệu/lồng/năm.",
            None,
        ),
        "baseline_text": ("duy trì diện tích ao, hồ hàng năm 39,1ha", None),
        "note": (
            "Hiểu là diện tích ao (ha) cần đạt năm 2030; số đầu kỳ là diện tích ao, hồ "
            "duy trì hằng năm. Văn bản không nói rõ 135 ha là diện tích ao hay diện "
            "tích được cải tạo cộng dồn. Chi tiết số đầu kỳ theo xã (21 + 5 + 12 + 20 "
            "ha, có Chiềng Chung, không có Hua Păng) cộng lại là 58 ha, không khớp "
            "39,1 ha.",
            "Phần thứ hai chỉ nêu “duy trì diện tích ao, hồ hàng năm 39,1ha (xã Tà Lại "
            "21 ha; xã Nà Mường 5 ha; xã Quy Hướng 12 ha; xã Chiềng Chung 20ha)”: đó "
            "là diện tích ao hồ giữ hằng năm, không phải diện tích đã cải tạo, nên "
            "không dùng làm số đầu kỳ của chỉ tiêu này.",
        ),
    },
    "CT07a": {
        "note": (
            "Phần thứ hai nêu riêng từng xã cũ (Nà Mường 02, Chiềng Chung 01 hợp tác "
            "xã), không có tổng, nên không có số đầu kỳ.",
            "Phần thứ hai nêu riêng từng xã cũ, không có tổng, nên không có số đầu kỳ: "
            "xã Nà Mường hình thành 02 hợp tác xã, xã Chiềng Chung 01 hợp tác xã; "
            "ngoài ra hợp tác xã nuôi trồng thủy sản tại bản Suối Giang (xã Quy Hướng, "
            "145 lồng cá) và Hợp tác xã thủy sản Tà Lọt (xã Tà Lại, 15 thành viên). "
            "Chỉ tiêu đếm doanh nghiệp, hợp tác xã thành lập mới trong nhiệm kỳ "
            "2025–2030.",
        )
    },
    "CT09b": {
        "baseline": (None, 62.5),
        "baseline_source": (
            None,
            "Sau sáp nhập theo Nghị quyết số 19-NQ/TW, xã có 08 trường trên "
            "địa bàn xã (Trường Tiểu học &THCS Nà Mường, Tà Lại, Quy Hướng; "
            "Hua Păng; Trường Mầm Non Nà Mường, Tà Lại, Quy Hướng Hua Păng, "
            "với 251 cán bộ, giáo viên. Tập trung công tác đầu tư cơ sở vật "
            "chất, trang thiết bị dạy và học, cơ sở vật chất và trang thiết "
            "bị dạy học đã được đầu tư xây dựng trong đó: Bậc học Mầm non "
            "có 28 điểm trường, 49 nhóm lớp với 939 trẻ, trẻ từ 2 tuổi ra "
            "lớp đạt 100 % kế hoạch; 3-5 tuổi ra lớp mẫu giáo đạt 100% kế "
            "hoạch; 100% cháu khối Mầm non được chuyển lên lớp 01 đúng độ "
            "tuổi; Bậc Tiểu học &THCS có 11 điểm trường, 98 lớp với 2775 "
            "học sinh, 100% học sinh được lên lớp và chuyển cấp học đạt "
            "100% so với kế hoạch, xây dựng 04 Trường đạt chuẩn quốc gia "
            "mức độ 01 (Trường Tiểu học &THCS Nà Mường, Tà Lại, Hua Păng, "
            "Trường Mầm non Hua Păng); 01 trường đạt chuẩn quốc gia mức độ "
            "2 (Trường Mầm non Nà Mường).",
        ),
        "baseline_text": (
            None,
            "04 Trường đạt chuẩn quốc gia mức độ 01 (Trường Tiểu học &THCS Nà "
            "Mường, Tà Lại, Hua Păng, Trường Mầm non Hua Păng); 01 trường đạt "
            "chuẩn quốc gia mức độ 2",
        ),
        "note": (
            "Phần thứ hai chỉ nêu số trường (04 trường mức độ 01, 01 trường mức độ 2 "
            "trên 08 trường), không nêu tỷ lệ: không có số đầu kỳ.",
            "Số đầu kỳ tính từ Phần thứ hai: (04 trường mức độ 01 + 01 trường mức độ "
            "2) / 08 trường = 62,5 %; trường đạt mức độ 2 cũng đã đạt mức độ 01. Khớp "
            "với “5 trường đạt chuẩn Quốc gia” (CT09a).",
        ),
    },
    "CT09c": {
        "baseline": (None, 12.5),
        "baseline_source": (
            None,
            "Sau sáp nhập theo Nghị quyết số 19-NQ/TW, xã có 08 trường trên "
            "địa bàn xã (Trường Tiểu học &THCS Nà Mường, Tà Lại, Quy Hướng; "
            "Hua Păng; Trường Mầm Non Nà Mường, Tà Lại, Quy Hướng Hua Păng, "
            "với 251 cán bộ, giáo viên. Tập trung công tác đầu tư cơ sở vật "
            "chất, trang thiết bị dạy và học, cơ sở vật chất và trang thiết "
            "bị dạy học đã được đầu tư xây dựng trong đó: Bậc học Mầm non "
            "có 28 điểm trường, 49 nhóm lớp với 939 trẻ, trẻ từ 2 tuổi ra "
            "lớp đạt 100 % kế hoạch; 3-5 tuổi ra lớp mẫu giáo đạt 100% kế "
            "hoạch; 100% cháu khối Mầm non được chuyển lên lớp 01 đúng độ "
            "tuổi; Bậc Tiểu học &THCS có 11 điểm trường, 98 lớp với 2775 "
            "học sinh, 100% học sinh được lên lớp và chuyển cấp học đạt "
            "100% so với kế hoạch, xây dựng 04 Trường đạt chuẩn quốc gia "
            "mức độ 01 (Trường Tiểu học &THCS Nà Mường, Tà Lại, Hua Păng, "
            "Trường Mầm non Hua Păng); 01 trường đạt chuẩn quốc gia mức độ "
            "2 (Trường Mầm non Nà Mường).",
        ),
        "baseline_text": (None, "01 trường đạt chuẩn quốc gia mức độ 2 (Trường Mầm non Nà Mường)"),
        "note": (
            "Phần thứ hai chỉ nêu số trường (04 trường mức độ 01, 01 trường mức độ 2 "
            "trên 08 trường), không nêu tỷ lệ: không có số đầu kỳ.",
            "Số đầu kỳ tính từ Phần thứ hai: 01 trường mức độ 2 / 08 trường = 12,5 %.",
        ),
    },
}
