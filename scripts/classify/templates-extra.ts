/**
 * Second set of templates: more situations per label, told from other angles (quoted
 * speech, what the page itself posts, questions that are complaints), plus label-neutral
 * context sentences that put the same services and people into every label, so the model
 * learns the wrong and not the topic.
 */

import type { LabelId } from '../../src/classify/labels.ts';

export const MORE_CORES: Readonly<Record<LabelId, readonly string[]>> = {
  cua_quyen: [
    '{actor} [nói|bảo] muốn [lắp biển hiệu cửa hàng|mở tiệm sửa xe|nuôi thêm đàn gà|làm lán bán hàng] thì "[phải có chữ ký của tôi|tôi duyệt mới được|xin ý kiến tôi trước đã]", [quy định ở đâu ra|hỏi căn cứ thì không nói]',
    '{actor} [cấm|đình chỉ] [việc lát sân|việc thay mái tôn|việc đổ bê tông lối đi] nhà tôi, bảo phải [xin phép|có giấy phép] dù [việc này luật không bắt xin phép|chỉ là sửa nhỏ], [hỏi căn cứ thì không trả lời|chỉ nói là quy định của xã]',
    '{actor} [giữ|không trả] [giấy tờ|bản chính|CCCD] của [tôi|dân] [mấy ngày|cả tuần] [mà không có lý do|bảo khi nào rảnh thì trả]',
    '[xin|hỏi] [mẫu đơn|tờ khai] thì {actor} bảo [hết rồi, tự đi mà in|phải mua ở quán photo đầu ngõ|tự lo]',
    '{actor} chỉ [tiếp|nhận hồ sơ của] [người quen|ai có người giới thiệu], người [lạ|không quen] thì [bảo mai quay lại|bắt chờ đến cuối]',
    '[làm|xin] {proc} [phải|bị bắt] [qua|có] [{n} chữ ký|{n} con dấu|xác nhận của {n} nơi], [mỗi nơi|mỗi người] lại [hẹn một ngày|đòi một thứ]',
    '{actor} [ép|bắt] [dân|tôi] phải [dùng dịch vụ|đến quán photo|nhờ người] [mà ông ta giới thiệu|bên ngoài] mới [nhận|duyệt] hồ sơ',
    '{actor} [đòi|bắt] [tôi|dân] [nộp|mang] [bản gốc|bản chính] {doc} [để giữ lại|cho họ giữ] [dù quy định chỉ cần bản sao|trong khi không cần]',
  ],
  quan_lieu: [
    '{problem} [kéo dài|đã] {dur}, [xã|phường|{actor}] [biết mà|nhận đơn rồi mà] [không làm gì|làm ngơ|để mặc dân]',
    '[đơn|kiến nghị] [của tôi|của bà con] [gửi|nộp] [từ|đã] {dur} [nay|mà] [không ai hồi âm|bặt tin|chưa có một chữ trả lời], [đến hạn trả lời lâu rồi|quá hạn giải quyết đơn]',
    '{actor} [đi công tác|nghỉ phép|đi họp] [cả tuần|liên tục], [việc của dân|hồ sơ] [không ai thay|không ai giải quyết], [ai hỏi cũng bảo chờ|cứ bảo đợi anh ấy về]',
    '[hồ sơ|đơn] {proc} [của tôi|nhà tôi] [chuyển qua|giao cho] {n} [cán bộ|người|bộ phận], [người nào cũng|ai cũng] bảo [không phải phần mình|chưa nhận được], [không ai chịu trách nhiệm|mất luôn]',
    '[xã|phường] [tổ chức|mở] [họp dân|đối thoại] [mà|nhưng] {actor} [chỉ đọc báo cáo|nói chung chung|không trả lời câu nào], [kiến nghị của dân|câu hỏi của bà con] [bỏ ngỏ|để đó]',
    '{actor} [bảo|nói] {problem} "[không phải việc của xã|để cấp trên lo|dân tự xử lý đi]" [rồi thôi|rồi bỏ về], [không ai đoái hoài|trách nhiệm ở đâu]',
  ],
  tham_nhung: [
    '{actor} [nhận|lấy] [tiền|phần trăm|hoa hồng] của [nhà thầu|công ty] [thì mới|để] [cho trúng thầu|nghiệm thu]',
    '[muốn|để] [được|] [nhận|qua] [hồ sơ|việc làm|hợp đồng] [ở ủy ban|ở trường] thì phải [chạy|lo|chi] {amt} [cho|qua] {actor}',
    '[kinh phí|tiền] [sửa chữa|làm] [đường|trường|nhà văn hóa] [quyết toán|báo] [gấp đôi|cao hơn nhiều] so với [thực tế|những gì làm], [tiền đi đâu|ai ăn phần chênh]',
    '[thu|nộp] [tiền|phí] [giữ xe|vệ sinh|chợ|bến đò] {amt} [một lượt|mỗi tháng] [mà|nhưng] [không có vé|không xé vé|chẳng có hóa đơn], [tiền vào túi ai|không nộp ngân sách]',
    '[gạo cứu trợ|hàng cứu trợ|quà hỗ trợ] [bị|đã bị] [bớt lại|giữ lại|đem bán] [một phần|mấy tạ|cả xe], [dân nhận thiếu|về tới thôn chẳng còn bao nhiêu]',
    '[xe công|tài sản công|máy móc của xã] [bị|đã bị] [bán thanh lý rẻ|thanh lý] cho [người quen|người nhà] {actor} [với giá bèo|giá như cho], [thất thoát|lợi ích nhóm]',
  ],
  gian_doi: [
    '[báo cáo|danh sách] [ghi|nói] [đã phát|đã hỗ trợ] [đủ|hết] [cho các hộ|bà con] [mà|nhưng] [nhà tôi|nhiều nhà] [chưa nhận được gì|không hề nhận]',
    '{actor} [ghi|kê] [tên|chữ ký] [người không đến|người đi làm xa] vào [danh sách|sổ] [dự họp|nhận tiền|tập huấn] [cho đủ số|để quyết toán]',
    '[giấy|biên bản] [nghiệm thu|bàn giao] [ghi|nói] [đường dài|công trình] [500m|đủ hạng mục] [mà thực tế|nhưng đo lại] [chỉ có|thiếu] [một nửa|300m|mấy hạng mục]',
    '{actor} [khai|báo] [mình|bản thân] [có bằng|đã học] [thạc sĩ|đại học] [mà|nhưng] [chưa học ngày nào|bằng mua ngoài chợ]',
    '[xã|phường] [tự khen|báo thành tích] [giải quyết hồ sơ|xử lý phản ánh] [100% đúng hạn|đạt xuất sắc] [trong khi|mà] [hồ sơ của dân|đơn của tôi] [trễ hàng tháng|còn tồn cả đống]',
    '{actor} [dặn|bắt] [dân|chúng tôi] [nói với đoàn|khai với đoàn kiểm tra] là [đã nhận đủ|hài lòng|không có vấn đề gì], [không nói thì|ai nói thật thì] [bị gây khó|bị trù]',
  ],
  loi_dung: [
    '{actor} [dùng|lấy] {asset} [làm việc riêng|cho {relative} dùng|như của nhà mình] [cả tháng nay|suốt]',
    '{actor} [cho|để] {relative} [thầu|nhận] [hết|toàn bộ] [công trình|việc] [của xã|trong thôn], [người khác|công ty khác] [không có cửa|bị gạt ra]',
    '{actor} [bắt|yêu cầu] [cán bộ thôn|dân quân|nhân viên] [đi đám cưới|đi đám hiếu|đến phục vụ] nhà [mình|{relative}] [trong giờ làm|bằng xe công]',
    '{actor} [dọa|hăm] [đuổi việc|không ký hợp đồng|kỷ luật] [tôi|vợ tôi|con tôi] nếu [nhà tôi|tôi] [không rút đơn|còn lên tiếng|không ký giấy đồng ý]',
    '{actor} [chiếm|giữ] [suất|phần] {benefit} [của dân|của hộ nghèo] [cho|để cho] [nhà mình|{relative}] [rồi bảo dân không đủ điều kiện|mà không ai dám nói]',
    '{actor} [tự ý|mượn danh xã để] [thu tiền|kêu gọi tài trợ|xin tiền doanh nghiệp] [cho việc riêng|rồi chi cho nhà mình]',
  ],
  ung_xu: [
    '{actor} nói với [mẹ tôi|bà cụ|ông cụ|người dân] "[về mà hỏi con cháu|già rồi còn đi làm gì|vội gì, chờ đi|có thế mà cũng không biết|đi ra kia đứng]", [xúc phạm quá|nghe mà tủi|thật quá đáng]',
    '{actor} [cười khẩy|bĩu môi|lắc đầu ngán ngẩm] khi [tôi|bà con] [trình bày|đưa giấy tờ|hỏi lại]',
    '[nhắn|hỏi] trên [page|Zalo] [xã|phường] thì [người trực|{actor}] [trả lời|rep] [kiểu|giọng] [khó chịu|dằn mặt|mỉa mai] "[hỏi hoài|tự đọc đi|không thấy thông báo à]"',
    '{actor} [gắt gỏng|mặt nặng mày nhẹ|nói như ra lệnh] với [người dân|bà con|tôi] [suốt|cả] [buổi|lúc làm hồ sơ], [chẳng ai dám hỏi thêm|ai cũng sợ]',
    '{actor} [gọi|xưng hô] với [người lớn tuổi|bố mẹ tôi|dân] [bằng|là] "[mày|ông kia|bà kia]", [thiếu văn hóa|không tôn trọng dân]',
    '{actor} [làm sai|nhầm] [giấy tờ|tên] của tôi [mà|rồi] [không xin lỗi|còn mắng tôi|bảo tại dân khai sai]',
  ],
  tre_han: [
    '[đã|] [quá|trễ] [hạn|hẹn] mà [vẫn chưa|chưa] [được|nhận được] {result}, [hỏi|gọi] [thì|lên thì] {off} bảo [đang trình ký|hồ sơ đang ở tỉnh|hệ thống lỗi]',
    '{result} [lẽ ra|đáng lẽ|theo giấy hẹn] [có từ|trả từ] [tuần trước|tháng trước|ngày {date}], [đến giờ|nay] [vẫn|] [chưa thấy đâu|bặt vô âm tín]',
    '[ghi|hẹn] [trả|có] kết quả [sau|trong] {n} ngày làm việc [mà|nhưng] [đã|] [hơn|gần] {dur} [vẫn chưa có|chưa xong]',
    'hẹn [lên|tới] [nhận|lấy] {result} [mấy lần|{n} lần] [đều|vẫn] [chưa có|phải về không], [quá hẹn|trễ hạn] [lâu rồi|{dur}]',
    '[chậm|trễ] [trả|có] {result} [làm|khiến] [tôi|nhà tôi] [lỡ|trễ] [hạn nộp hồ sơ vay|đợt nhập học|chuyến đi làm], [hẹn|phiếu hẹn] {date} mà [giờ|nay] [vẫn|] chưa [có|xong]',
  ],
  khen: [
    '[xin|] [gửi lời|] cảm ơn [xã|phường|{unit}] đã [sửa đèn đường|nạo vét mương|làm lại cầu tạm|trồng hoa ven đường|mở thư viện ở nhà văn hóa|phun thuốc muỗi]{goodeffect}',
    '{off} [làm việc|tiếp dân] [rất|quá] [chu đáo|lịch sự|tận tâm|nhanh nhẹn], [đáng khen|mong xã khen thưởng|tôi rất hài lòng]',
    'nhờ {off} [hướng dẫn|giúp đỡ] mà [nhà tôi|mẹ tôi|tôi] [đã làm xong|nhận được] {result} [nhanh chóng|chỉ trong một buổi]',
    '[rất|thật sự] [hài lòng|cảm kích] [với|về] [cách làm việc|thái độ phục vụ] của [bộ phận một cửa|{off}|cán bộ {unit}]{goodeffect}',
    '[phải|xin] [khen|cảm ơn] [xã|phường] [dạo này|năm nay] [làm việc|xử lý] [nhanh hẳn|tốt hẳn|chuyên nghiệp hơn], {result} [có|trả] [đúng hẹn|trước hẹn]',
  ],
  gop_y: [
    '[đề nghị|mong|kiến nghị|đề xuất] [xã|phường|trạm y tế|trường|{unit}] {act} {thing}[, {reason}|]',
    '[xã|phường|ủy ban] nên {act} {thing}[, {reason}|]',
    '[góp ý|ý kiến nhỏ|xin góp ý] [cho|về] [page|trang web|quầy một cửa|cổng dịch vụ công] [xã|phường]: [nên|đề nghị] {act} {thing}',
    '[nên có|cần có|mong có] {thing} [cho dân|cho bà con|ở trụ sở] [, vì|vì] {reason}',
  ],
  khac: [
    '[cho|xin|ad ơi cho] [em|mình|tôi] hỏi {proc} thì [làm ở đâu|cần những gì|mất bao lâu|có mất phí không|làm online được không|có phải lên xã không] [ạ|?|vậy ạ]',
    '[nhà|gia đình] [tôi|em] [cần|muốn] {proc}, [giấy tờ|hồ sơ] [gồm những gì|mẫu ở đâu|có mẫu không] [ạ|?]',
    '[sau sáp nhập|từ khi sáp nhập] thì [con dấu|email|địa chỉ nhận đơn|số tài khoản nộp lệ phí] của [xã|phường] [là gì|đổi chưa|ở đâu] [ạ|?]',
    '[ai có|mọi người có] [nhu cầu|muốn] [mua|đặt] [gạo sạch|rau quê|mật ong rừng] [thì|] [liên hệ|ib] [mình|em] [nhé|ạ]',
    '[mình|em] [làm mất|đánh rơi] [giấy phép lái xe|thẻ ngân hàng|sổ hộ nghèo] [ở|quanh] [chợ|ủy ban|bến xe], [ai nhặt được|ai thấy] [cho xin lại|báo giúp] [ạ|với]',
    '[bao giờ|khi nào] [xã|phường] [phát|chi trả] {benefit} [đợt này|tháng này] [ạ|?]',
    '[test|thử] [tin nhắn|page] [ạ|thôi|]',
    '[bên mình|xã mình] có [tuyển|nhận] [dân quân|cộng tác viên|nhân viên hợp đồng] không [ạ|?]',
  ],
};

/** Label-neutral context: the same services, people and places appear in every label. */
export const CONTEXTS = [
  'Tôi [làm|nộp] hồ sơ {proc} [ở|tại] {unit}. ',
  'Nhà tôi [thuộc diện hộ nghèo|có người khuyết tật|ở {village}|làm nông|buôn bán nhỏ ở chợ]. ',
  '[Mẹ|Bố|Ông|Bà] tôi [năm nay ngoài 80|không biết chữ|đi lại khó khăn|đang bệnh]. ',
  'Về việc {proc}: ',
  'Sau sáp nhập, trụ sở [xã|phường] [chuyển về|ở] {place}. ',
  'Con tôi [sắp vào lớp 1|mới sinh|đang học cấp 2]. ',
  '[Hôm|Ngày] {date} tôi lên {unit} [làm việc|có việc]. ',
  'Chuyện {benefit} [ở thôn|ở {village}|của nhà tôi]: ',
  'Em là [sinh viên|công nhân|người làm ăn xa|giáo viên], ',
  'Tôi [ở|sống ở] {village} [đã lâu|từ nhỏ]. ',
];
