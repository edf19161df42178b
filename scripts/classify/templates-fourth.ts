/**
 * Fourth set of templates: the labels with the most varied wording in real messages
 * (late results asked about as questions, rude behaviour described in many ways,
 * problems left unsolved, gatekeeping) get further phrasings, and the neighbouring
 * labels get their look-alikes (a question about a dossier that is not late; a
 * proposal that mentions a problem).
 */

import type { LabelId } from '../../src/classify/labels.ts';

export const FOURTH_CORES: Partial<Record<LabelId, readonly string[]>> = {
  tre_han: [
    '[sao|tại sao|vì sao] {result} [của tôi|nhà tôi|của em] [hẹn|ghi hẹn] [{date}|{wd}|{n} ngày] mà [giờ|đến nay|hôm nay] [vẫn chưa có|chưa xong|chưa được trả] [vậy|ạ|?]',
    '[đã|] [qua|quá|hết] ngày hẹn [{n} ngày|{dur}|lâu rồi], [bao giờ|đến bao giờ|khi nào] [mới có|tôi mới nhận được] {result} [ạ|vậy|?]',
    '{proc} [hẹn|giấy hẹn ghi] {n} ngày [làm việc|], [tôi đã chờ|giờ đã] {dur}, [có phải|hay là] [hồ sơ bị thất lạc|phải nộp lại|chờ tiếp] [không|?]',
    '[làm|chờ] {result} [mà|] [lâu quá|lâu thế|chậm quá], [hẹn|nói] [tuần trước|{date}|mấy hôm] [có|xong] [mà|nhưng] [chưa thấy|vẫn im]',
    '[hôm nay|nay] [đã là|là] {date2} [rồi|] mà {result} [hẹn|ghi hẹn] {date} [vẫn chưa có|chưa thấy đâu]',
    '[giấy hẹn|phiếu hẹn] [trả kết quả|] {date} [, đến hẹn|, tới ngày] [lên|đến] [nhận|lấy] thì [chưa có|bảo chờ|bảo về đi], [trễ hẹn|sai hẹn] [thế này|mấy lần rồi]',
    '{result} [chậm|trễ] [quá|lâu quá] [, quá hẹn|, trễ hẹn] [{dur}|{n} ngày] [, ảnh hưởng|, làm lỡ] [việc làm ăn|việc học của con|việc vay vốn] [của gia đình tôi|nhà tôi]',
    '[hồ sơ|{proc}] [đã|] [quá|trễ] [hạn|hẹn] [trả kết quả|giải quyết] [mà|nhưng] [xã|phường|cán bộ] [không thông báo|không hẹn lại|không xin lỗi] [gì cả|một lời|]',
  ],
  ung_xu: [
    '{actor} [nói năng|ăn nói|trả lời] [cộc cằn|thô lỗ|xấc xược|khó nghe] [với|] [người dân|bà con|người già|tôi]',
    '[thái độ|cách cư xử|cách nói chuyện] của {actor} [rất|quá|thật] [tệ|kém|khó chịu|thiếu tôn trọng dân], [cần chấn chỉnh|mong xã nhắc nhở|ai cũng ngại]',
    '{actor} [bắt dân đứng chờ|để dân chờ] [cả tiếng|mấy chục phút] [trong khi|còn mình] [ngồi|đang] [tán chuyện|uống trà|lướt mạng] [, hỏi thì gắt|, nhắc thì cáu|]',
    '[tôi|mẹ tôi|bà con] [bị|đã bị] {actor} [quát|mắng|nạt|lớn tiếng] [chỉ vì|vì] [hỏi lại|không hiểu|đến hơi muộn|nói nhỏ]',
    '{actor} [nói|bảo] [dân|tôi] là "[phiền quá|lắm chuyện|hỏi ngu|không biết gì]" [ngay trước mặt mọi người|trước đông người|]',
    '[hỏi|nhờ] {actor} [một câu|giúp một chút] thì [bị|nhận] [lườm|gắt|trả lời cộc lốc|mắng], [người làm công vụ|cán bộ nhà nước] mà [như vậy|thái độ thế] [à|sao]',
    '{actor} [không chào|không hỏi han|không nhìn mặt] [dân|ai], [suốt buổi|cả buổi] [cau có|mặt lạnh|quát tháo], [dân đến làm thủ tục|bà con] [sợ|ngại] [không dám hỏi|quá]',
    '{actor} [quát|lớn tiếng|gắt] [trong điện thoại|qua điện thoại|trên Zalo] khi [tôi|dân] [gọi hỏi|nhắn hỏi] [về hồ sơ|việc của mình]',
  ],
  quan_lieu: [
    '{problem} [đã|] [lâu lắm rồi|mấy tháng nay|từ đầu năm], [dân|chúng tôi] [báo|phản ánh|kêu] [mãi|hoài|nhiều lần] [mà|nhưng] [xã|phường] [không làm gì|chẳng xử lý|cứ hẹn]',
    '[gửi|nộp] [đơn|kiến nghị] [về|chuyện] {problem} [đã|hơn] {dur} [mà|nhưng] [chưa|không] [ai|cán bộ nào] [xuống xem|trả lời|liên hệ]',
    '{actor} [thờ ơ|làm ngơ|không quan tâm] [trước|với] {problem}, [bảo|nói] [dân tự lo|chờ cấp trên|không có kinh phí]',
    '[xã|phường] [đùn đẩy|đổ] trách nhiệm [cho|sang] [thôn|tỉnh|công ty|bộ phận khác], [còn|mà] {problem} [vẫn vậy|thì ai lo|không ai xử lý]',
    '[lên|đến] [ủy ban|xã] [hỏi|trình bày] [việc|chuyện] {proc} thì [không ai|chẳng ai] [tiếp|giải quyết], [ai cũng bảo|người nào cũng nói] [không phải việc của mình|hỏi người khác]',
  ],
  cua_quyen: [
    '{actor} [bắt|yêu cầu|đòi] [tôi|dân] [phải|] [nộp|mang|bổ sung] [thêm|] {doc} [mới nhận|mới giải quyết] {proc}, [luật đâu có bắt|không có trong quy định]',
    '[đi|lên xã] [lại|] {n} [lần|buổi] [vì|do] {actor} [mỗi lần|lần nào cũng] [đòi|bắt bổ sung] [một thứ|giấy khác], [không nói một lần cho đủ|hành dân]',
    '{actor} [gây khó khăn|làm khó|hạch sách] [khi|lúc] [tôi|dân] [làm|xin] {proc}, [bắt|đòi] [đủ thứ giấy|xác nhận chỗ này chỗ kia]',
  ],
  khac: [
    '[hồ sơ|{proc}] [của em|của tôi] [mới nộp|nộp hôm qua|nộp sáng nay], [hẹn|giấy hẹn ghi] [{wd} tuần sau|ngày {date}], [đến hẹn|hôm đó] [cần mang|phải mang] [gì|giấy gì] [không|theo] [ạ|?]',
    '[cho hỏi|xin hỏi] [tra cứu|xem] [tình trạng|tiến độ] hồ sơ {proc} [ở đâu|trên mạng thế nào|bằng cách nào] [ạ|?]',
    '[em|tôi] [muốn|cần] [hỏi|biết] [thời gian|mất bao lâu] [giải quyết|làm] {proc} [theo quy định|] [là bao lâu|mấy ngày] [ạ|?]',
  ],
  gop_y: [
    '[mùa mưa|dạo này|gần đây] {problem}, [đề nghị|mong|kiến nghị] [xã|phường] [sớm|] [có kế hoạch|lên phương án|bố trí kinh phí] [xử lý|khắc phục]',
  ],
};

/**
 * Money, leaders and paperwork also appear in messages that are not about corruption,
 * gatekeeping or leaders: these keep such words from deciding the label on their own.
 */
export const LOOKALIKE_CORES: Partial<Record<LabelId, readonly string[]>> = {
  khac: [
    '[cho hỏi|xin hỏi] lệ phí {proc} [là bao nhiêu|hết bao nhiêu tiền|có được miễn không] [ạ|?]',
    '[nộp|đóng] [lệ phí|tiền] {proc} [bằng chuyển khoản được không|ở đâu|cho ai] [ạ|?]',
    '[cho hỏi|xin hỏi] [lịch tiếp dân|lịch làm việc] của [chủ tịch xã|lãnh đạo xã|phó chủ tịch phường] [tuần này|tháng này] [ạ|?]',
    '[mức|tiền] {benefit} [năm nay|tháng này] [được bao nhiêu|là bao nhiêu|khi nào nhận] [ạ|?]',
  ],
  khen: [
    '{off} [làm|giải quyết] {proc} [nhanh|chu đáo], [không lấy thêm đồng nào|đúng lệ phí niêm yết|có biên lai đầy đủ], [rất đáng khen|cảm ơn]',
    '[chủ tịch xã|lãnh đạo phường|bí thư xã] [đã|] [trực tiếp|] [xuống|về] [thôn|tận nhà] [giải quyết|xem] {problem} [ngay|kịp thời], [dân rất cảm ơn|đáng khen]',
  ],
  gop_y: [
    '[đề nghị|mong] [xã|phường] [cho phép|có] [nộp lệ phí|đóng tiền] [qua chuyển khoản|bằng mã QR] [cho tiện|để đỡ cầm tiền mặt]',
    '[kính đề nghị|đề nghị] [chủ tịch xã|lãnh đạo xã|UBND xã] [xem xét|cho] {act} {thing}[, {reason}|]',
  ],
  tre_han: [
    '[đã|] [nộp|đóng] [đủ|] lệ phí {amt} [từ|hôm] {date} [mà|nhưng] {result} [quá hẹn|trễ hẹn] [{dur}|lâu rồi] [vẫn chưa có|chưa thấy]',
  ],
  loi_dung: [
    '[thôn|{actor}] [bắt|ép] [mỗi khẩu|mỗi hộ|cả người già] [đóng|nộp] {amt} [tiền|cho] [{fund}|làm đường], [không đóng thì|ai không nộp thì] [cắt|không cho] [{benefit}|quà Tết|xác nhận giấy tờ]',
  ],
  cua_quyen: [
    '{actor} bắt [nộp|đóng] lệ phí [ở ngân hàng|ở bưu điện|bằng tiền mặt] [cách xa|ngoài thị trấn] [rồi mới|mới] [nhận hồ sơ|cho nộp] [dù có thể chuyển khoản|trong khi quy định cho nộp tại chỗ]',
  ],
};
