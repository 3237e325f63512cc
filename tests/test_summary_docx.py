"""The Bản tổng hợp ý kiến góp ý as a Word file (issue 6, step 3), from the 002 seed's real round.

The input below was written by reading the seed by hand: the eleven reply letters (documents #7–#17
of the dossier: who wrote, the number, each comment as the letter words it, the wording proposed)
and the drafting department's own summary (#6: what it took in and why it refused the rest).
Letter 408, which lists the ~30 bodies consulted, is not in the seed: the 19 bodies that did not
reply are supplied here (today's names of Đắk Nông's departments and districts in 2021), so the
counts are the summary's own — 30 consulted, 11 replied.  The draft in the seed is the revised one:
Ban Tuyên giáo's "Khoản 5, Điều 7" is khoản 4 there, and the target below is the part as it is now.
"""
from __future__ import annotations

import copy
import re

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from generator import ValidationError, convert_to_pdf
from generator.checker import check_path
from generator.nobreak import plain
from generator.summary import (STATUS_WORDS, TITLES, load_summary, parse_target, render_summary,
                               tong_hop_paragraph, validate_summary)
from tests.conftest import has_soffice
from tests.docx_inspect import paragraph_texts, runs

SEED = "seeds/002_c86d25cbeb24d76d.txt"
HEAD = ["STT", "Điều, khoản dự thảo", "Nội dung góp ý", "Cơ quan góp ý", "Ý kiến tiếp thu, giải trình"]

AGREED = ["Báo Đắk Nông", "Đài Phát thanh và Truyền hình tỉnh", "UBND huyện Đắk Song", "UBND huyện Cư Jút",
          "UBND huyện Krông Nô", "UBND huyện Đắk Mil"]
COMMENTED = ["Sở Tư pháp", "UBND thành phố Gia Nghĩa", "Ban Tuyên giáo Tỉnh ủy", "Ban Nội chính Tỉnh ủy",
             "Công an tỉnh"]
NOT_REPLIED = ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư",
               "Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Khoa học và Công nghệ",
               "Sở Tài nguyên và Môi trường", "Sở Lao động - Thương binh và Xã hội", "Sở Công Thương",
               "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng", "Thanh tra tỉnh",
               "Hội Nhà báo tỉnh", "UBND huyện Đắk R'lấp", "UBND huyện Tuy Đức", "UBND huyện Đắk Glong"]


def item(agency, letter, target, text, status, giai_trinh, proposed=None, document="quy_che"):
    return {"agency": agency, "letter": letter, "document": document, "target": target, "text": text,
            "proposed": proposed, "status": status, "giai_trinh": giai_trinh}


STP, GN, BTG, BNC, CA = ("487/STP-VP", "1012/UBND-VHTT", "311-CV/BTGTU", "180-CV/BNCTU", "709/CAT-PA03")
BTG_7_4 = ("a) Chủ trì việc nghiên cứu, theo dõi, tổng hợp tình hình tư tưởng trong cán bộ, đảng viên và nhân dân, "
           "dư luận xã hội, những âm mưu, thủ đoạn chống phá của các thế lực thù địch trên lĩnh vực chính trị tư "
           "tưởng trên địa bàn tỉnh. Dự báo những diễn biến, xu hướng chính trị tư tưởng có thể xảy ra. Tham mưu cho "
           "Ban Chỉ đạo của Tỉnh ủy về bảo vệ nền tảng tư tưởng của Đảng, đấu tranh chống các quan điểm sai trái, "
           "thù địch, Tỉnh ủy, Ban Thường vụ Tỉnh ủy phương hướng, nhiệm vụ, nội dung, biện pháp giải quyết.\n"
           "b) Chủ trì chỉ đạo, định hướng nội dung thông tin tuyên truyền; nội dung đấu tranh, phản bác các luận điệu "
           "sai trái, thù địch; định hướng dư luận xã hội đối với các sự kiện chính trị - xã hội, các vụ việc phức "
           "tạp, nhạy cảm, v.v... dư luận xã hội quan tâm.")
CA_7_2 = ("a) Tổ chức nắm tình hình, chủ động phòng ngừa, phát hiện, đấu tranh, ngăn chặn hoạt động sử dụng không "
          "gian mạng xâm phạm chủ quyền, lợi ích, an ninh quốc gia, trật tự an toàn xã hội và phòng, chống tội phạm "
          "mạng; tiếp nhận điều tra, xác minh, xử lý đối với các hành vi vi phạm pháp luật trên không gian mạng thuộc "
          "chức năng, nhiệm vụ.\n"
          "b) Phối hợp với Sở Thông tin và Truyền thông, các cơ quan, đơn vị liên quan để rà soát, xử lý đối với các "
          "tổ chức, cá nhân lợi dụng không gian mạng nhằm mục đích cung cấp, chia sẻ, phát tán thông tin xấu, độc, "
          "xâm phạm quyền và lợi ích hợp pháp của cá nhân, tổ chức trên địa bàn tỉnh.")

ITEMS = [
    # 1–2 Sở Tư pháp, Công văn 487/STP-VP
    item("Sở Tư pháp", STP, "tham_quyen_ky",
         "Về thẩm quyền ký văn bản cần thống nhất là “Ủy ban nhân dân tỉnh” hay “Chủ tịch UBND tỉnh”?",
         "tiep_thu", "Sở Thông tin và Truyền thông tiếp thu và điều chỉnh dự thảo Quyết định về thẩm quyền ký "
                     "văn bản là “Ủy ban nhân dân tỉnh”.", document="quyet_dinh"),
    item("Sở Tư pháp", STP, "the_thuc",
         "Về thể thức, kỹ thuật trình bày văn bản cần thực hiện theo Nghị định số 30/2020/NĐ-CP (các căn cứ pháp lý "
         "viết đầy đủ ngày tháng năm; tên các Chương; ký hiệu các điểm trong khoản; lỗi chính tả, ...).",
         "tiep_thu", "Cơ quan soạn thảo đã tiếp thu, rà soát, điều chỉnh về thể thức, kỹ thuật trình bày theo "
                     "quy định."),
    # 3–4 UBND thành phố Gia Nghĩa, Công văn 1012/UBND-VHTT (straight quotes, as the letter types them)
    item("UBND thành phố Gia Nghĩa", GN, "can_cu",
         "Tại phần căn cứ đề nghị bổ sung thêm \"Căn cứ Luật sửa đổi, bổ sung một số điều của Luật tổ chức Chính "
         "phủ và Luật Tổ chức chính quyền địa phương\".",
         "tiep_thu", "Cơ quan soạn thảo đã tiếp thu và bổ sung căn cứ theo đề nghị của UBND thành phố Gia Nghĩa.",
         proposed="Căn cứ Luật sửa đổi, bổ sung một số điều của Luật tổ chức Chính phủ và Luật Tổ chức chính "
                  "quyền địa phương", document="quyet_dinh"),
    item("UBND thành phố Gia Nghĩa", GN, "tham_quyen_ky",
         "Tại phần ký văn bản đề nghị bổ sung TM. ỦY BAN NHÂN DÂN vì đây là thẩm quyền chung chứ không phải là "
         "thẩm quyền riêng.",
         "tiep_thu", "Cơ quan soạn thảo tiếp thu và điều chỉnh thẩm quyền ký ban hành văn bản Quyết định là "
                     "“TM. ỦY BAN NHÂN DÂN”.", proposed="TM. ỦY BAN NHÂN DÂN", document="quyet_dinh"),
    # 5–9 Ban Tuyên giáo Tỉnh ủy, Công văn 311-CV/BTGTU
    item("Ban Tuyên giáo Tỉnh ủy", BTG, "Điều 1 khoản 1",
         "Đề xuất sửa đổi, bổ sung Khoản 01, Điều 1 “1. Thiết lập cơ chế hợp tác, trách nhiệm, mối quan hệ phối "
         "hợp chặt chẽ giữa các cơ quan, tổ chức, đơn vị, địa phương trong việc theo dõi, phát hiện, xử lý thông "
         "tin xấu, độc trên không gian mạng.”.",
         "tiep_thu", "Cơ quan soạn thảo tiếp thu và đã điều chỉnh, bổ sung như đề xuất.",
         proposed="1. Thiết lập cơ chế hợp tác, trách nhiệm, mối quan hệ phối hợp chặt chẽ giữa các cơ quan, tổ "
                  "chức, đơn vị, địa phương trong việc theo dõi, phát hiện, xử lý thông tin xấu, độc trên không "
                  "gian mạng."),
    item("Ban Tuyên giáo Tỉnh ủy", BTG, "Điều 2 khoản 1",
         "Về phạm vi điều chỉnh, đề xuất bổ sung vào Khoản 1, Điều 2 như sau “Quy chế này quy định trách nhiệm "
         "phối hợp giữa các cơ quan, đơn vị, địa phương trong việc theo dõi, phát hiện, xử lý thông tin xấu, độc "
         "trên không gian mạng có liên quan đến tỉnh Đắk Nông, làm cản trở đến sự phát triển của tỉnh, gây bức xúc "
         "dư luận trong nhân dân và các thông tin xấu, độc trên không gian mạng khác mà các cơ quan có thẩm quyền "
         "ở Trung ương yêu cầu phối hợp xử lý”",
         "tiep_thu", "Sau khi xem xét, cơ quan soạn thảo tiếp thu và đã điều chỉnh, bổ sung như đề xuất."),
    item("Ban Tuyên giáo Tỉnh ủy", BTG, "Điều 4 khoản 1",
         "Tại Khoản 01, Điều 4, đề xuất làm rõ vai trò của Ban Chi đạo của Tỉnh ủy về bảo vệ nền tảng tư tưởng "
         "của Đảng, đấu tranh chống các quan điểm sai trái, thù địch, cụ thể như sau: “Công tác phối hợp theo dõi, "
         "phát hiện, xử lý thông tin xấu, độc trên không gian mạng được thực hiện trong phạm vi chức năng, nhiệm vụ "
         "của mỗi cơ quan, đơn vị, địa phương; tuân thủ chỉ đạo của Tỉnh ủy, mà trực tiếp là của Ban Chi đạo của "
         "Tỉnh ủy về bảo vệ nền tảng tư tưởng của Đảng, đấu tranh chống các quan điểm sai trái, thù địch; lãnh đạo "
         "của UBND tỉnh và quy định của pháp luật.",
         "tiep_thu", "Sau khi xem xét, cơ quan soạn thảo tiếp thu và đã điều chỉnh, bổ sung như đề xuất."),
    item("Ban Tuyên giáo Tỉnh ủy", BTG, "Điều 7 khoản 4",
         "Về nhiệm vụ của Ban Tuyên giáo Tỉnh ủy Tỉnh ủy, đề xuất sửa đổi Khoản 5, Điều 7 như sau:\n" + BTG_7_4,
         "tiep_thu_mot_phan",
         "Sở Thông tin và Truyền thông thống nhất ý kiến góp ý và điều chỉnh lại nhiệm vụ của Ban Tuyên giáo Tỉnh "
         "ủy tại khoản 4, Điều 7 theo đề xuất. Tuy nhiên, cơ quan soạn thảo vẫn giữ nội dung tại điểm c, khoản 4, "
         "Điều 7 của văn bản dự thảo: “c) Phối hợp với các cơ quan liên quan đánh giá, thẩm định và đề xuất hướng "
         "xử lý các hành vi đăng tải thông tin có nội dung xấu, độc trên không gian mạng” để cùng thực hiện nhiệm "
         "vụ theo đúng tinh thần của Quy chế.", proposed=BTG_7_4),
    item("Ban Tuyên giáo Tỉnh ủy", BTG, "Điều 9",
         "Điều 9. Tổ chức thực hiện, đề xuất bổ sung thêm trách nhiệm của Sở Tài chính trong việc tham mưu UBND "
         "tỉnh bố trí kinh phí bảo đảm cho hoạt động xử lý thông tin xấu độc trên không gian mạng.",
         "khong_tiep_thu",
         "Yêu cầu triển khai nhiệm vụ hiện tại thuộc trách nhiệm của các cơ quan, đơn vị, địa phương có liên quan, "
         "chưa phát sinh kinh phí. Do vậy không nhất thiết bổ sung trách nhiệm của Sở Tài chính vào Quy chế phối "
         "hợp mà vẫn đảm bảo yêu cầu thực hiện nhiệm vụ."),
    # 10–13 Ban Nội chính Tỉnh ủy, Công văn 180-CV/BNCTU
    item("Ban Nội chính Tỉnh ủy", BNC, "Điều 6 khoản 1",
         "Đề nghị bổ sung Khoản 1, Điều 6: sau từ “thể lực thù địch”, bổ sung thêm các cá nhân, tổ chức. Lý do: "
         "quan điểm sai trái, luận điệu xuyên tạc không chỉ có ở các thể lực thù địch, mà có ở nhiều cá nhân, tổ "
         "chức khác.",
         "tiep_thu", "Cơ quan soạn thảo tiếp thu và bổ sung, hoàn chỉnh nội dung như sau: “1. Định hướng, hướng "
                     "dẫn việc cung cấp thông tin trên không gian mạng; tổ chức tuyên truyền, đấu tranh, phản bác "
                     "các quan điểm sai trái, luận điệu xuyên tạc của các thế lực thù địch, các cá nhân, tổ chức”."),
    item("Ban Nội chính Tỉnh ủy", BNC, "Điều 7 khoản 4 điểm a",
         "Đề nghị sửa Điểm a, Khoản 4 (Điều 7) Ban Tuyên giáo Tỉnh ủy thành: “a) Tăng cường công tác chỉ đạo, định "
         "hướng chính trị, tư tưởng, nhất là định hướng thông tin về các vấn đề nhạy cảm, phức tạp nảy sinh mà dư "
         "luận quan tâm. Chỉ đạo đẩy mạnh thông tin tích cực, tuyên truyền và cung cấp thông tin chính thống liên "
         "quan đến những vấn đề lớn, những vụ việc tồn đọng, bất cập gây bức xúc trong nhân dân nhằm phòng ngừa các "
         "đối tượng xấu lợi dụng xuyên tạc tình hình, lan truyền thông tin xấu, độc trên không gian mạng. Tham gia "
         "thẩm định và đề xuất hướng xử lý các hành vi đăng tải thông tin xấu, độc trên không gian mạng”. Chuyển "
         "Điểm b, Khoản 4 (Điều 7) sang Khoản 2. Công an tỉnh. Lý do: Công an tỉnh mới có chức năng, nhiệm vụ, lực "
         "lượng và biện pháp để thực hiện nhiệm vụ này.",
         "tiep_thu_mot_phan",
         "Sở Thông tin và Truyền thông tiếp thu, đối chiếu với ý kiến của Ban Tuyên giáo Tỉnh ủy, điều chỉnh, bổ "
         "sung và hoàn thiện nội dung điểm a, khoản 4, Điều 7. Bỏ nội dung tại điểm b, khoản 4, Điều 7 của dự thảo "
         "(cũ) vì không phù hợp."),
    item("Ban Nội chính Tỉnh ủy", BNC, "Điều 7 khoản 5",
         "Đề nghị sửa Khoản 5 (Điều 7) Ban Nội chính Tỉnh ủy thành: “Chủ động phối hợp theo dõi, phát hiện, tiếp "
         "nhận, kịp thời báo cáo cơ quan chức năng xử lý các thông tin có nội dung xấu, độc trên không gian mạng "
         "liên quan đến an ninh chính trị, trật tự an toàn xã hội, lĩnh vực nội chính Đảng, công tác tư pháp, công "
         "tác phòng chống tham nhũng trên địa bàn.” (Bỏ điểm b).",
         "tiep_thu_mot_phan",
         "Cơ quan soạn thảo tiếp thu và điều chỉnh nội dung nhiệm vụ của Ban Nội chính Tỉnh ủy như trên vào điểm "
         "a, khoản 5, Điều 7 của văn bản dự thảo. Đối với điểm b, khoản 5, Điều 7, cơ quan soạn thảo xét thấy cần "
         "giữ lại nhiệm vụ theo đúng tinh thần Quy chế phối hợp nên không tiếp thu đề nghị loại bỏ nội dung này."),
    item("Ban Nội chính Tỉnh ủy", BNC, "Điều 7 khoản 6",
         "Đề nghị sửa tiêu đề Khoản 6 (Điều 7): “Báo Đắc Nông, Đài Phát thanh và Truyền hình tỉnh, Tạp chí Năm "
         "Nung, Công thông tin điện tử tỉnh; các sở, ban, ngành, địa phương quản lý, vận hành trang thông tin điện "
         "tử, xuất bản ấn phẩm.”",
         "tiep_thu", "Cơ quan soạn thảo đã bổ sung, điều chỉnh thành: “6. Báo Đắk Nông, Đài Phát thanh và Truyền "
                     "hình tỉnh, Tạp chí Năm Nung, Cổng/trang thông tin điện của các cơ quan, đơn vị, xuất bản "
                     "phẩm”."),
    # 14–19 Công an tỉnh, Công văn 709/CAT-PA03
    item("Công an tỉnh", CA, "Điều 3 khoản 1",
         "Tại khoản 1, Điều 3: Trích dẫn đầy đủ khái niệm về không gian mạng \"Không gian mạng là mạng lưới kết "
         "nối của cơ sở hạ tầng công nghệ thông tin, bao gồm mạng viễn thông, mạng Internet, mạng máy tính, hệ "
         "thống thông tin, hệ thống xử lý và điều khiển thông tin, cơ sở dữ liệu; là nơi con người thực hiện các "
         "hành vi xã hội không bị giới hạn bởi không gian và thời gian.\";",
         "tiep_thu", "Cơ quan soạn thảo đã tiếp thu và bổ sung, điều chỉnh lại nội dung như trên vào văn bản dự "
                     "thảo."),
    item("Công an tỉnh", CA, "Điều 3 khoản 2",
         "Tại khoản 2, Điều 3: Bổ sung thêm như sau:\n- Điểm a: Điều 9, Luật Báo chí năm 2016;\n- Điểm b: Khoản 1, "
         "Điều 8 của Luật An ninh mạng năm 2018;\n- Điểm c: Điều 5, Nghị định số 72/2013/NĐ-CP ngày 15/7/2013 của "
         "Chính phủ \"cần trích dẫn tên của Nghị định\".",
         "tiep_thu",
         "Cơ quan soạn thảo đã tiếp thu ý kiến trên và ý kiến góp ý của Sở Tư pháp, đã bổ sung, điều chỉnh nội "
         "dung như sau:\n“a) Điều 9, Luật Báo chí ngày 05 tháng 4 năm 2016;\nb) Khoản 1, Điều 8, Luật An ninh mạng "
         "ngày 12 tháng 6 năm 2018;\nc) Điều 5, Nghị định số 72/2013/NĐ-CP ngày 15/7/2013 của Chính phủ quy định "
         "quản lý, cung cấp, sử dụng dịch vụ internet và thông tin trên mạng”."),
    item("Công an tỉnh", CA, "Điều 4 khoản 2",
         "Tại khoản 2, Điều 4: thay đổi cụm từ \"bảo vệ bí mật của Đảng và Nhà nước\" thành \"bảo vệ bí mật nhà "
         "nước\", vì bí mật Nhà nước của Đảng hay của tất cả các cơ quan, ban ngành khác đều gọi chung là bí mật "
         "nhà nước.",
         "tiep_thu", "Cơ quan soạn thảo tiếp thu, điều chỉnh lại như sau: “2. Việc theo dõi, tiếp nhận, kiểm "
                     "chứng, định hướng, xử lý thông tin xấu, độc trên không gian mạng phải kịp thời, chính xác; đảm "
                     "bảo sự thống nhất, chặt chẽ, không cản trở tự do báo chí, tự do ngôn luận; thực hiện tốt công "
                     "tác bảo vệ chính trị nội bộ, bảo vệ bí mật Nhà nước”.", proposed="bảo vệ bí mật nhà nước"),
    item("Công an tỉnh", CA, "Điều 5",
         "Tại Điều 5. Công an tỉnh có ý kiến như sau: Đối với thông tin xấu, độc trên không gian mạng, khi được tán "
         "phát, việc lan toả sẽ diễn ra rất nhanh, phạm vi rộng. Do đó, trong nhiều trường hợp để bảo đảm tính chủ "
         "động, kịp thời không thể sử dụng các phương thức liên lạc, trao đổi truyền thống qua đường văn bản, công "
         "văn... Đơn vị chủ trì cần nghiên cứu, sử dụng phương thức phù hợp hoặc có thể ứng dụng nền tảng mạng xã "
         "hội Mocha35 do Tập đoàn Công nghiệp - Viễn thông quân đội Viettel phát triển (đã được sử dụng trong công "
         "tác Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch).",
         "tiep_thu", "Sau khi xem xét, rà soát lại các phương thức về thông tin liên lạc, cơ quan soạn thảo đã "
                     "tiếp thu, bổ sung phương thức thông tin ứng dụng nền tảng mạng xã hội Mocha35 vào khoản 1, "
                     "Điều 5: “c) Thông qua ứng dụng nền tảng mạng xã hội Mocha35”."),
    item("Công an tỉnh", CA, "Điều 7 khoản 2", "Tại khoản 2, Điều 7, cần chỉnh sửa như sau:\n" + CA_7_2,
         "tiep_thu", "Sở Thông tin và Truyền thông đã tiếp thu và điều chỉnh lại nội dung nhiệm vụ của Công an "
                     "tỉnh tại khoản 2, Điều 7 theo đề nghị.", proposed=CA_7_2),
    item("Công an tỉnh", CA, "the_thuc",
         "Đề nghị cơ quan soạn thảo rà soát các lỗi chính tả, thể thức văn bản và các cụm từ phải viết in hoa "
         "nhưng chưa viết in hoa, như: cụm từ \"Nhân dân\"",
         "tiep_thu", "Cơ quan soạn thảo tiếp thu, rà soát và sửa chữa, hoàn chỉnh."),
]

SEED_DATA = {
    "title": "BẢN TỔNG HỢP Ý KIẾN GÓP Ý",
    "draft_name": "Dự thảo Quyết định ban hành Quy chế phối hợp theo dõi, xử lý thông tin xấu, độc trên không "
                  "gian mạng",
    "issuing_body": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "parent_body": "UBND TỈNH ĐẮK NÔNG",
    "drafter": "Sở Thông tin và Truyền thông",
    "place": "Đắk Nông",
    "date": "2021-06-09",
    "group_by": "agency",
    "consulted": COMMENTED[:3] + AGREED[:2] + NOT_REPLIED[:10] + COMMENTED[3:] + AGREED[2:] + NOT_REPLIED[10:],
    "replied": ["Ban Tuyên giáo Tỉnh ủy", "Ban Nội chính Tỉnh ủy", "Công an tỉnh",
                "Đài Phát thanh và Truyền hình tỉnh", "Báo Đắk Nông", "Sở Tư pháp", "UBND huyện Đắk Song",
                "UBND huyện Cư Jút", "UBND huyện Đắk Mil", "UBND huyện Krông Nô", "UBND thành phố Gia Nghĩa"],
    "agreed": AGREED,
    "not_replied": NOT_REPLIED,
    "items": ITEMS,
}

# The draft's order (by article): căn cứ, the Quy chế's articles with their khoản and điểm, then
# signing authority and layout; equal targets keep the order they were given in.
ARTICLE_ORDER = ["Căn cứ ban hành", "Điều 1, khoản 1", "Điều 2, khoản 1", "Điều 3, khoản 1", "Điều 3, khoản 2",
                 "Điều 4, khoản 1", "Điều 4, khoản 2", "Điều 5", "Điều 6, khoản 1", "Điều 7, khoản 2",
                 "Điều 7, khoản 4", "Điều 7, khoản 4, điểm a", "Điều 7, khoản 5", "Điều 7, khoản 6", "Điều 9",
                 "Thẩm quyền ký", "Thẩm quyền ký", "Thể thức, kỹ thuật trình bày", "Thể thức, kỹ thuật trình bày"]
ARTICLE_GROUPS = ["I. Căn cứ ban hành", "II. Điều 1", "III. Điều 2", "IV. Điều 3", "V. Điều 4", "VI. Điều 5",
                  "VII. Điều 6", "VIII. Điều 7", "IX. Điều 9", "X. Thẩm quyền ký", "XI. Thể thức, kỹ thuật trình bày"]


def data(**changes) -> dict:
    out = copy.deepcopy(SEED_DATA)
    out.update(changes)
    return out


# --- reading the output back ------------------------------------------------------------------

def cell_text(tc) -> str:
    """As a reader sees it: numbers and parts are kept unbreakable in the file (test_symbols_…)."""
    return "\n".join(plain("".join(t.text or "" for t in p.iter(qn("w:t")))) for p in tc.findall(qn("w:p")))


def summary_table(path, head=HEAD):
    """The table whose first row is the summary's header, as rows of cell texts (the XML cells, so a
    group row spanning five columns is one cell)."""
    d = docx.Document(str(path))
    for tbl in d.element.body.iter(qn("w:tbl")):
        rows = [[cell_text(tc) for tc in tr.findall(qn("w:tc"))] for tr in tbl.findall(qn("w:tr"))]
        if rows and rows[0] == head:
            return tbl, rows
    raise AssertionError("không thấy bảng tổng hợp")


def items_of(rows):
    return [r for r in rows[1:] if len(r) == 5]


def groups_of(rows):
    return [r[0] for r in rows[1:] if len(r) == 1]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("summary")
    paths = {g: render_summary(data(group_by=g), out / f"tong_hop_{g}.docx") for g in ("agency", "article")}
    return paths


@pytest.fixture(scope="module")
def pdfs(rendered):
    if not has_soffice():
        pytest.skip("Không có LibreOffice (soffice): chạy 'make test' để cài")
    return dict(zip(rendered, convert_to_pdf(list(rendered.values()))))


# --- the input is the seed's round --------------------------------------------------------------

def test_input_covers_every_point_of_the_departments_summary(corpus):
    """The seed's summary (#6): 30 consulted, 11 replied; six agree without comment; under each of
    the five others, one dash per point (Gia Nghĩa's last dash is its agreement with the rest)."""
    from archive.split import split_documents

    text = split_documents((corpus / SEED).read_text(encoding="utf-8"))[5].text
    assert "BẢN TỔNG HỢP Ý KIẾN GÓP Ý" in text
    assert "Tổng số cơ quan gửi góp ý: 30 cơ quan" in text and len(SEED_DATA["consulted"]) == 30
    assert "gồm có: 11 cơ quan" in text and len(SEED_DATA["replied"]) == 11
    agreed_line = next(x for x in text.split("\n") if x.startswith("1. Báo Đắk Nông"))
    for name in AGREED:  # "UBND các huyện: Đắk Song, Cư Jút, Krông Nô, Đắk Mil"
        assert name.removeprefix("UBND huyện ") in agreed_line, name
    sections = re.split(r"\n\d\. (Sở Tư pháp|UBND thành phố Gia Nghĩa|Ban Tuyên giáo Tỉnh ủy|Ban Nội chính|"
                        r"Công an tỉnh):\n", text.split("(Gửi kèm")[0])
    heads = {"Sở Tư pháp": "Sở Tư pháp", "UBND thành phố Gia Nghĩa": "UBND thành phố Gia Nghĩa",
             "Ban Tuyên giáo Tỉnh ủy": "Ban Tuyên giáo Tỉnh ủy", "Ban Nội chính": "Ban Nội chính Tỉnh ủy",
             "Công an tỉnh": "Công an tỉnh"}
    found = {}
    for head, body in zip(sections[1::2], sections[2::2]):
        points = [x for x in body.split("\n") if x.startswith("- ") and "thống nhất nội dung như" not in x]
        found[heads[head]] = len(points)
    ours = {a: sum(1 for i in ITEMS if i["agency"] == a) for a in COMMENTED}
    assert found == ours == {"Sở Tư pháp": 2, "UBND thành phố Gia Nghĩa": 2, "Ban Tuyên giáo Tỉnh ủy": 5,
                             "Ban Nội chính Tỉnh ủy": 4, "Công an tỉnh": 6}
    # the department's words are in our giải trình (a sample from each agency)
    for words in ("thẩm quyền ký văn bản là “Ủy ban nhân dân tỉnh”", "bổ sung căn cứ theo đề nghị của UBND",
                  "chưa phát sinh kinh phí", "không tiếp thu đề nghị loại bỏ nội dung này", "Mocha35"):
        assert words in text and any(words in (i["giai_trinh"] or "") for i in ITEMS), words


def test_seed_input_is_valid():
    assert validate_summary(SEED_DATA) == []
    s = load_summary(SEED_DATA)
    assert s.commented == [a for a in SEED_DATA["replied"] if a not in AGREED]
    assert [s.count(x) for x in ("tiep_thu", "tiep_thu_mot_phan", "khong_tiep_thu", "ghi_nhan")] == [15, 3, 1, 0]


# --- the Word file ----------------------------------------------------------------------------

@pytest.mark.parametrize("group_by", ["agency", "article"])
def test_header_title_and_subtitle(rendered, group_by):
    texts = [x for x in paragraph_texts(rendered[group_by]) if x.strip()]
    assert texts[:7] == ["UBND TỈNH ĐẮK NÔNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Đắk Nông, ngày 09 tháng 6 năm 2021",
                         "BẢN TỔNG HỢP Ý KIẾN GÓP Ý", SEED_DATA["draft_name"]]
    assert not any(x.startswith("Số:") for x in texts)  # an unnumbered attachment
    d = docx.Document(str(rendered[group_by]))
    title = next(p for p in d.paragraphs if p.text == "BẢN TỔNG HỢP Ý KIẾN GÓP Ý")
    assert title.alignment == 1 and all(r.bold is not False for r in title.runs) and title.style.font.bold  # bold by its style
    assert d.core_properties.title.startswith("Bản tổng hợp ý kiến góp ý: Dự thảo Quyết định")


@pytest.mark.parametrize("group_by", ["agency", "article"])
def test_table_header_exact_and_repeated_on_each_page(rendered, group_by):
    tbl, rows = summary_table(rendered[group_by])
    assert rows[0] == HEAD
    first = tbl.findall(qn("w:tr"))[0]
    assert first.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(tr.find(qn("w:trPr")) is None or tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
               for tr in tbl.findall(qn("w:tr"))[1:])
    borders = tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"}


def test_by_agency_one_group_row_per_agency_one_row_per_item(rendered):
    _, rows = summary_table(rendered["agency"])
    assert groups_of(rows) == [f"{n}. {a}" for n, a in zip(("I", "II", "III", "IV", "V"), COMMENTED)]
    items = items_of(rows)
    assert len(items) == len(ITEMS) == 19
    assert [r[0] for r in items] == [str(n) for n in range(1, 20)]
    # each agency's comments in its letter's order, right under its group row
    assert [r[3].split("\n")[0] for r in items] == [i["agency"] for i in ITEMS]
    assert items[0][3] == "Sở Tư pháp\n(Văn bản số 487/STP-VP)"
    assert [r[1] for r in items[:5]] == ["Thẩm quyền ký", "Thể thức, kỹ thuật trình bày", "Căn cứ ban hành",
                                         "Thẩm quyền ký", "Điều 1, khoản 1"]


def test_by_article_in_the_drafts_order(rendered):
    _, rows = summary_table(rendered["article"])
    assert groups_of(rows) == ARTICLE_GROUPS
    items = items_of(rows)
    assert len(items) == 19
    assert [r[1] for r in items] == ARTICLE_ORDER
    assert [r[0] for r in items] == [str(n) for n in range(1, 20)]
    # equal targets keep their input order: Sở Tư pháp before Gia Nghĩa on the signing authority
    assert [r[3].split("\n")[0] for r in items if r[1] == "Thẩm quyền ký"] == ["Sở Tư pháp", "UBND thành phố Gia Nghĩa"]
    # every group row sits right above the items of its group
    kinds = ["g" if len(r) == 1 else r[1] for r in rows[1:]]
    assert kinds[kinds.index("g", kinds.index("Điều 6, khoản 1")) + 1:][:4] == [
        "Điều 7, khoản 2", "Điều 7, khoản 4", "Điều 7, khoản 4, điểm a", "Điều 7, khoản 5"]


def test_comment_proposal_and_answer_cells(rendered):
    _, rows = summary_table(rendered["agency"])
    items = items_of(rows)
    statuses = [r[4].split("\n")[0] for r in items]
    assert statuses == [STATUS_WORDS[i["status"]] for i in ITEMS]
    assert statuses.count("Tiếp thu") == 15 and statuses.count("Tiếp thu một phần") == 3
    assert statuses.count("Không tiếp thu") == 1
    # the status, then the giải trình as written
    assert items[8][4] == "Không tiếp thu\n" + ITEMS[8]["giai_trinh"]
    # the comment as written, line for line; a proposal already quoted in it is not repeated
    assert items[14][2] == ITEMS[14]["text"]
    # every proposal of the seed is quoted in its comment, so none is repeated under it
    assert [r[2] for r in items] == [i["text"] for i in ITEMS]
    status_runs = [r for r in runs(rendered["agency"]) if r.text == "Không tiếp thu"]
    assert status_runs and all(r.bold for r in status_runs)


@pytest.mark.parametrize("group_by", ["agency", "article"])
def test_landscape_a4_margins_and_page_numbers(rendered, group_by):
    d = docx.Document(str(rendered[group_by]))
    (section,) = d.sections
    assert section.orientation == 1  # WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert section.different_first_page_header_footer
    tbl, _ = summary_table(rendered[group_by])
    widths = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
    usable = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    assert abs(sum(widths) - usable) <= 2 and widths[2] == max(widths)


@pytest.mark.parametrize("group_by", ["agency", "article"])
def test_every_run_is_times_new_roman_13_or_14_the_table_12(rendered, group_by):
    found = [r for r in runs(rendered[group_by]) if r.text.strip()]
    assert found
    for r in found:
        assert set(r.fonts.values()) == {"Times New Roman"}, (r.text, r.fonts)
    body = [r for r in found if r.part == "body"]
    header_parts = {"UBND TỈNH ĐẮK NÔNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}
    table_runs = [r for r in body if r.style and r.style.startswith("vttable")]
    for r in body:
        if r.text in header_parts:
            assert r.size in (12, 13), r  # nd30.md §2.2: agency names and Quốc hiệu 12–13
        elif r not in table_runs:
            assert 13 <= r.size <= 14, (r.text[:40], r.size)
    # nd30.md §6: such tables usually use 12 pt (19 long comments take fewer pages)
    assert table_runs and {r.size for r in table_runs} == {12}


@pytest.mark.parametrize("group_by", ["agency", "article"])
def test_checker_finds_no_error(rendered, group_by):
    report = check_path(rendered[group_by])
    assert report.rule_set == "nd30" and report.kind == "tong_hop_y_kien"
    assert report.errors == [], [(f.rule, f.where, f.message) for f in report.errors]


@pytest.mark.parametrize("group_by", ["agency", "article"])
def test_pdf_has_title_and_every_agency(pdfs, group_by):
    reader = PdfReader(str(pdfs[group_by]))
    pages = [p.extract_text() or "" for p in reader.pages]
    assert len(pages) >= 3
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)  # landscape
    text = squash(" ".join(pages))
    assert "BẢN TỔNG HỢP Ý KIẾN GÓP Ý" in squash(pages[0])
    for name in SEED_DATA["consulted"]:
        assert name in text, name
    assert "Ý kiến tiếp thu, giải trình" in squash(pages[1])  # the header row again on page 2
    report = check_path(pdfs[group_by])
    assert report.errors == [], [(f.rule, f.where, f.message) for f in report.errors]


# --- the counts and the Tờ trình's paragraph ------------------------------------------------

def test_counts_paragraph_numbers(rendered):
    texts = [x for x in paragraph_texts(rendered["agency"]) if x.strip()]
    start = texts.index(SEED_DATA["draft_name"]) + 1
    body = texts[start:start + 6]
    assert body[0] == ("Sở Thông tin và Truyền thông đã gửi dự thảo Quyết định ban hành Quy chế phối hợp theo dõi, "
                       "xử lý thông tin xấu, độc trên không gian mạng xin ý kiến góp ý của 30 cơ quan, đơn vị.")
    assert body[1] == "Đã nhận được ý kiến của 11/30 cơ quan, đơn vị, trong đó:"
    assert body[2] == ("- 6 cơ quan, đơn vị thống nhất với dự thảo, không có ý kiến khác: " + ", ".join(AGREED) + ";")
    assert body[3] == ("- 5 cơ quan, đơn vị có ý kiến góp ý cụ thể (19 ý kiến): Ban Tuyên giáo Tỉnh ủy, Ban Nội chính "
                       "Tỉnh ủy, Công an tỉnh, Sở Tư pháp, UBND thành phố Gia Nghĩa.")
    assert body[4] == "Có 19 cơ quan, đơn vị chưa có ý kiến: " + ", ".join(NOT_REPLIED) + "."
    assert body[5] == ("Sở Thông tin và Truyền thông đã nghiên cứu, tiếp thu 15 ý kiến, tiếp thu một phần 3 ý kiến và "
                       "giải trình 1 ý kiến không tiếp thu. Ý kiến góp ý và việc tiếp thu, giải trình cụ thể như sau:")


def test_not_replied_left_out_is_everyone_else():
    d = data()
    del d["not_replied"]
    assert load_summary(d).not_replied == NOT_REPLIED  # in the order of the consulted list


def test_tong_hop_paragraph():
    assert tong_hop_paragraph(SEED_DATA) == (
        "Sở Thông tin và Truyền thông đã gửi dự thảo Quyết định ban hành Quy chế phối hợp theo dõi, xử lý thông tin "
        "xấu, độc trên không gian mạng xin ý kiến góp ý của 30 cơ quan, đơn vị; đã nhận được ý kiến của 11 cơ quan, "
        "đơn vị, trong đó 6 cơ quan, đơn vị thống nhất với dự thảo, 5 cơ quan, đơn vị có ý kiến góp ý cụ thể "
        "(19 ý kiến); 19 cơ quan, đơn vị chưa có ý kiến. Trên cơ sở ý kiến góp ý, Sở Thông tin và Truyền thông đã "
        "tiếp thu 15 ý kiến, tiếp thu một phần 3 ý kiến, giải trình 1 ý kiến không tiếp thu và hoàn thiện dự thảo "
        "(có Bản tổng hợp ý kiến góp ý kèm theo).")
    # no replies yet; a drafter typed only in capitals is "cơ quan soạn thảo"
    quiet = data(replied=[], agreed=[], items=[], drafter=None)
    del quiet["not_replied"]
    assert tong_hop_paragraph(quiet) == (
        "Cơ quan soạn thảo đã gửi dự thảo Quyết định ban hành Quy chế phối hợp theo dõi, xử lý thông tin xấu, độc "
        "trên không gian mạng xin ý kiến góp ý của 30 cơ quan, đơn vị; đến nay chưa nhận được ý kiến góp ý.")
    # ghi nhận and answers still open are counted too
    items = copy.deepcopy(ITEMS)
    items[0]["status"], items[1]["status"] = "ghi_nhan", None
    text = tong_hop_paragraph(data(items=items, title=TITLES[1]))
    assert "đã tiếp thu 13 ý kiến, tiếp thu một phần 3 ý kiến, ghi nhận 1 ý kiến, giải trình 1 ý kiến không tiếp thu; " \
           "còn 1 ý kiến đang nghiên cứu và hoàn thiện dự thảo (có Bản tổng hợp, tiếp thu, giải trình ý kiến góp ý " \
           "kèm theo)." in text


# --- text as typed, other forms ------------------------------------------------------------------

def test_special_characters_come_out_as_typed(tmp_path):
    odd = "Sở VH&TT <Đắk Nông> \"số 1\" 'ý' {{ x }} {% if %}"
    items = [item(odd, "853/UBND-VH&TT", "Điều 2 khoản 1 điểm đ", "Sửa <b>đậm</b> & “nháy” {{ y }}", "ghi_nhan",
                  "Giữ nguyên A & B < C > D.", proposed="x < y & \"z\"")]
    d = data(draft_name="Dự thảo Quy chế <mới> & \"khác\"", consulted=[odd, "B"], replied=[odd], agreed=[],
             not_replied=["B"], items=items)
    path = render_summary(d, tmp_path / "ky_tu.docx")
    texts = paragraph_texts(path)
    assert "Dự thảo Quy chế <mới> & \"khác\"" in texts
    _, rows = summary_table(path)
    (row,) = items_of(rows)
    assert row[1] == "Điều 2, khoản 1, điểm đ"
    # a proposal the comment does not quote follows it, in quotes and italic
    assert row[2] == "Sửa <b>đậm</b> & “nháy” {{ y }}\nĐề nghị sửa thành:\n“x < y & \"z\"”"
    assert [r.italic for r in runs(path) if r.text == "“x < y & \"z\"”"] == [True]
    assert row[3] == f"{odd}\n(Văn bản số 853/UBND-VH&TT)"
    assert row[4] == "Ghi nhận\nGiữ nguyên A & B < C > D."
    assert groups_of(rows) == [f"I. {odd}"]
    assert check_path(path).errors == []


def test_short_table_stays_portrait_and_other_title(tmp_path):
    items = [item("Sở Tư pháp", STP, "chung", "Thống nhất, đề nghị rà soát chính tả.", "tiep_thu", "Đã rà soát.")]
    d = data(title="Bản tổng hợp, tiếp thu, giải trình ý kiến góp ý", consulted=["Sở Tư pháp", "Công an tỉnh"],
             replied=["Sở Tư pháp", "Công an tỉnh"], agreed=["Công an tỉnh"], not_replied=[], items=items,
             group_by="article")
    path = render_summary(d, tmp_path / "ngan.docx")
    (section,) = docx.Document(str(path)).sections
    assert section.orientation == 0 and round(section.page_width.mm) == 210
    assert TITLES[1] in paragraph_texts(path)
    _, rows = summary_table(path)
    assert groups_of(rows) == ["I. Ý kiến chung"] and items_of(rows)[0][1] == "Chung"
    assert "Tất cả các cơ quan, đơn vị được xin ý kiến đều đã có ý kiến." in paragraph_texts(path)
    report = check_path(path)
    assert report.kind == "tong_hop_y_kien" and report.errors == []
    # asked for landscape, it is landscape whatever the length
    path = render_summary({**d, "orientation": "landscape"}, tmp_path / "ngang.docx")
    assert docx.Document(str(path)).sections[0].orientation == 1 and check_path(path).errors == []


def test_no_comments_blank_day_and_a_signer(tmp_path):
    d = data(replied=AGREED, agreed=AGREED, items=[], date=None, not_replied=None,
             signer={"name": "Nguyễn Văn A", "mode": "KT", "head_title": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC"})
    path = render_summary(d, tmp_path / "khong_y_kien.docx")
    texts = [x for x in paragraph_texts(path) if x.strip()]
    assert any(re.fullmatch(r"Đắk Nông, ngày … tháng … năm \d{4}", x) for x in texts)
    _, rows = summary_table(path)
    assert rows[1:] == [["Không có ý kiến góp ý cụ thể: các cơ quan, đơn vị đã trả lời đều thống nhất với dự thảo."]]
    assert texts[-3:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]
    report = check_path(path)
    assert report.errors == [] and "ND30-DRAFT-DATE" in report.rules_fired()
    # without a signer, nothing after the table
    path = render_summary(data(), tmp_path / "khong_ky.docx")
    assert not any(x in paragraph_texts(path) for x in ("GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"))


def test_quoted_signature_line_in_the_table_is_not_the_signer(tmp_path):
    """A comment that quotes "TM. ỦY BAN NHÂN DÂN" on a line of its own stays a comment for the checker."""
    items = copy.deepcopy(ITEMS)
    items[3]["text"] = "Đề nghị ghi phần ký như sau:\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    path = render_summary(data(items=items), tmp_path / "trich_dan.docx")
    assert check_path(path).errors == []


# --- refusals ----------------------------------------------------------------------------------

@pytest.mark.parametrize("change, field, words", [
    (lambda d: d["items"][2].update(status="dong_y"), "items[2].status", "tiep_thu, tiep_thu_mot_phan"),
    (lambda d: d.update(group_by="chapter"), "group_by", "theo cơ quan góp ý"),
    (lambda d: d.update(draft_name="  "), "draft_name", "bắt buộc"),
    (lambda d: d.update(title="BÁO CÁO"), "title", "chỉ được"),
    (lambda d: d["items"][0].update(target="Điều bảy"), "items[0].target", "không đọc được"),
    (lambda d: d["items"][0].update(document="ke_hoach"), "items[0].document", "quyet_dinh"),
    (lambda d: d["items"][0].update(agency="Sở Nội vụ"), "items[0].agency", "không có trong danh sách cơ quan đã trả lời"),
    (lambda d: d["items"][0].update(agency="Báo Đắk Nông"), "items[0].agency", "lại có ý kiến góp ý"),
    (lambda d: d["items"][8].update(giai_trinh=None), "items[8].giai_trinh", "phải có giải trình"),
    (lambda d: d["items"][0].update(trang_thai="x"), "items[0].trang_thai", "không được hỗ trợ"),
    (lambda d: d["agreed"].append("Sở Nội vụ"), "agreed[6]", "không có trong danh sách cơ quan đã trả lời"),
    (lambda d: d["replied"].append("Bộ Công an"), "replied[11]", "không có trong danh sách cơ quan được xin ý kiến"),
    (lambda d: d["not_replied"].pop(), "not_replied", "thiếu: UBND huyện Đắk Glong"),
    (lambda d: d["consulted"].append("Sở Tư pháp"), "consulted[30]", "ghi hai lần"),
    (lambda d: d.update(consulted=[]), "consulted", "cần ít nhất một dòng"),
    (lambda d: d.update(date="2021-02-30"), "date", "không có trên lịch"),
])
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(tmp_path, change, field, words):
    d = data()
    change(d)
    messages = validate_summary(d)
    assert any(f"({field})" in m and words in m for m in messages), messages
    with pytest.raises(ValidationError) as exc:
        render_summary(d, tmp_path / "sai.docx")
    assert any(e.path == field for e in exc.value.errors)
    assert list(tmp_path.iterdir()) == []


def test_labels_name_the_field_in_vietnamese():
    d = data(group_by="x")
    d["items"][0]["status"] = "?"
    assert validate_summary(d) == [
        "Cách nhóm ý kiến (group_by): chỉ được agency (theo cơ quan góp ý) hoặc article (theo điều, khoản của dự thảo)",
        "Ý kiến tiếp thu (items[0].status): chỉ được tiep_thu, tiep_thu_mot_phan, khong_tiep_thu, ghi_nhan hoặc để "
        "trống (chưa giải trình)"]
    assert validate_summary([1, 2]) == ["Trường '(gốc)': dữ liệu phải là một đối tượng JSON {…}"]


def test_invalid_data_leaves_an_earlier_file_alone(tmp_path):
    path = render_summary(data(), tmp_path / "tong_hop.docx")
    before = path.read_bytes()
    with pytest.raises(ValidationError):
        render_summary(data(draft_name=""), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong_hop.docx"]  # no temporary file left


def test_targets_read_as_written():
    assert parse_target("Điều 7 khoản 4 điểm a").readable() == "Điều 7, khoản 4, điểm a"
    assert parse_target("Điều 7, khoản 04, điểm đ").readable() == "Điều 7, khoản 4, điểm đ"
    assert parse_target("Chương II").readable() == "Chương II"
    assert parse_target("khoản 2").readable() == "Khoản 2"
    assert parse_target("tham_quyen_ky").readable() == "Thẩm quyền ký"
    for bad in ("Điều", "Điều 7 điểm a", "Điều 7 khoản 1 điểm f", "phần cuối", ""):
        assert parse_target(bad) is None, bad
    keys = [parse_target(t).sort_key("quy_che") for t in
            ("chung", "can_cu", "Chương I", "Điều 2", "Điều 2 khoản 1", "Điều 2 khoản 1 điểm a",
             "Điều 2 khoản 1 điểm đ", "Điều 10", "tham_quyen_ky", "the_thuc")]
    assert keys == sorted(keys)
    assert parse_target("Điều 9").sort_key("quyet_dinh") < parse_target("Điều 1").sort_key("quy_che")


def test_both_documents_commented_are_told_apart(tmp_path):
    """Comments on the decision's articles and on the Quy chế's: the decision comes first, and each
    article says which draft it belongs to."""
    items = [item("Sở Tư pháp", STP, "Điều 1 khoản 2", "Quy chế: sửa khoản 2.", "tiep_thu", "Đã sửa."),
             item("Sở Tư pháp", STP, "Điều 2", "Quyết định: sửa hiệu lực.", "ghi_nhan", "Ghi nhận.",
                  document="quyet_dinh"),
             item("Sở Tư pháp", STP, "chung", "Cơ bản thống nhất.", "ghi_nhan", None)]
    d = data(consulted=["Sở Tư pháp"], replied=["Sở Tư pháp"], agreed=[], not_replied=[], items=items)
    _, rows = summary_table(render_summary({**d, "group_by": "article"}, tmp_path / "a.docx"))
    assert groups_of(rows) == ["I. Ý kiến chung", "II. Điều 2 (dự thảo Quyết định)", "III. Điều 1 (dự thảo Quy chế)"]
    assert [r[1] for r in items_of(rows)] == ["Chung", "Điều 2", "Điều 1, khoản 2"]
    assert items_of(rows)[0][4] == "Ghi nhận"
    _, rows = summary_table(render_summary(d, tmp_path / "b.docx"))
    assert [r[1] for r in items_of(rows)] == ["Điều 1, khoản 2 (dự thảo Quy chế)", "Điều 2 (dự thảo Quyết định)",
                                              "Chung"]


# --- comments carried from the round before -------------------------------------------------------

def test_a_carried_comment_needs_no_reply_in_this_round(tmp_path):
    """A comment of round 1 answered then, listed again in round 2's summary: its agency did not reply to
    round 2 (it was not even consulted), the counts stay round 2's, and the table says which is which."""
    earlier = item("Sở Nội vụ", "215/SNV-VP", "Điều 8 khoản 2", "Đề nghị bổ sung trách nhiệm phối hợp.", "tiep_thu",
                   "Đã bổ sung tại khoản 2 Điều 8.")
    refused = data(items=[*copy.deepcopy(ITEMS), earlier])
    assert any("(items[19].agency)" in m and "không có trong danh sách cơ quan đã trả lời" in m
               for m in validate_summary(refused))  # not carried: this round's, so its agency must have replied
    d = data(items=[*copy.deepcopy(ITEMS), {**earlier, "carried": True, "round": 1}])
    assert validate_summary(d) == []
    s = load_summary(d)
    assert len(s.own) == 19 and [i.round for i in s.carried] == ["vòng 1"]
    assert tong_hop_paragraph(d) == tong_hop_paragraph(SEED_DATA)  # the counts are this round's
    for group_by in ("agency", "article"):
        path = render_summary({**d, "group_by": group_by}, tmp_path / f"{group_by}.docx")
        _, rows = summary_table(path)
        marked = [r for r in items_of(rows) if r[3].endswith("(vòng 1)")]
        assert [r[3] for r in marked] == ["Sở Nội vụ\n(Văn bản số 215/SNV-VP)\n(vòng 1)"]
        assert len(items_of(rows)) == 20 and check_path(path).errors == []
        if group_by == "agency":  # a group of its own, after this round's
            assert groups_of(rows) == [f"{g}. {a}" for g, a in zip(("I", "II", "III", "IV", "V"), COMMENTED)] + \
                ["VI. Ý kiến các vòng trước (đã tiếp thu, giải trình)"]
            assert items_of(rows)[-1] == marked[0]
        else:  # at its article, after this round's comments there
            assert groups_of(rows) == ARTICLE_GROUPS[:8] + ["IX. Điều 8"] + [
                f"{r}. {g.split('. ', 1)[1]}" for r, g in zip(("X", "XI", "XII"), ARTICLE_GROUPS[8:])]
    texts = [x for x in paragraph_texts(path) if x.strip()]
    assert texts[texts.index(SEED_DATA["draft_name"]) + 6] == (
        "Sở Thông tin và Truyền thông đã nghiên cứu, tiếp thu 15 ý kiến, tiếp thu một phần 3 ý kiến và giải trình 1 ý "
        "kiến không tiếp thu. Ngoài ra, 1 ý kiến góp ý của vòng trước đã được tiếp thu, giải trình, nay được tổng hợp "
        "lại theo điều, khoản tương ứng của dự thảo này. Ý kiến góp ý và việc tiếp thu, giải trình cụ thể như sau:")


def test_only_carried_comments_and_their_notes(tmp_path):
    """Round 2 with agreement only: the table holds round 1's answers, said so above it; no note, "vòng trước"."""
    earlier = {**item("Sở Nội vụ", None, "chung", "Đề nghị rà soát toàn bộ dự thảo.", None, None), "carried": True}
    d = data(replied=AGREED, agreed=AGREED, not_replied=None, items=[earlier, {**earlier, "round": "(vòng 1)"}])
    path = render_summary(d, tmp_path / "chi_vong_truoc.docx")
    _, rows = summary_table(path)
    assert groups_of(rows) == ["I. Ý kiến các vòng trước"]  # not answered: not said to be
    assert [r[3] for r in items_of(rows)] == ["Sở Nội vụ\n(vòng trước)", "Sở Nội vụ\n(vòng 1)"]
    texts = [x for x in paragraph_texts(path) if x.strip()]
    assert ("2 ý kiến góp ý của vòng trước nay được tổng hợp lại theo điều, khoản tương ứng của dự thảo này. "
            "Ý kiến góp ý và việc tiếp thu, giải trình cụ thể như sau:") in texts
    assert "- 6 cơ quan, đơn vị thống nhất với dự thảo, không có ý kiến khác: " + ", ".join(AGREED) + "." in texts
    assert check_path(path).errors == []


@pytest.mark.parametrize("changes, field, words", [
    ({"carried": "có"}, "carried", "chỉ được true"),
    ({"round": 1}, "round", "chỉ ghi cho ý kiến của vòng trước"),
    ({"carried": True, "round": 0}, "round", "ghi số của vòng"),
    ({"carried": True, "round": "vòng " + "1" * 40}, "round", "không quá 40 ký tự"),
    ({"carried": True, "round": "vòng 1\nvòng 2"}, "round", "chỉ được một dòng"),
])
def test_bad_carried_fields_are_refused(changes, field, words):
    d = data()
    d["items"][0].update(changes)
    messages = validate_summary(d)
    assert any(f"(items[0].{field})" in m and words in m for m in messages), messages
