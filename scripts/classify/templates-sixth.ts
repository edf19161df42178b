/**
 * Sixth set of templates, for the labels the model confused most (measured only through
 * aggregate per-label recall and the confusion matrix):
 *   - rudeness told as a story in the past tense, with reported speech and a procedure in
 *     the background ("hôm qua tôi lên xã làm …, chị ấy quát …"), so that the procedure
 *     words do not pull the message towards cua_quyen / quan_lieu;
 *   - late results asked about politely or as a question, and sarcastic thanks for a
 *     late result, so that "cho em hỏi …" and "cảm ơn" do not decide khac / khen;
 *   - falsified reports and achievements, bought positions, lies to citizens;
 *   - buck-passing and reports that go nowhere;
 *   - praise told as a story and short praise; proposals about results and transparency
 *     (which share words with tre_han and gian_doi but are proposals).
 * Written from TAXONOMY.md and general knowledge of how citizens write to a commune.
 */

import type { LabelId } from '../../src/classify/labels.ts';

const WHEN = '[hôm qua|sáng nay|chiều qua|hôm {wd}|tuần trước|sáng {wd}|hôm trước]';
const WHO = '[tôi|em|mẹ tôi|bố tôi|bà tôi|vợ tôi|nhà em]';
const SHE = '[chị ấy|anh ấy|cô ấy|chú ấy|bà ấy|ông ấy|chị cán bộ đó|anh cán bộ đó|cô ở bàn tiếp nhận|{actor}]';

export const SIXTH_CORES: Partial<Record<LabelId, readonly string[]>> = {
  ung_xu: [
    `${WHEN} ${WHO} [lên|ra|đến] {unit} [làm|nộp hồ sơ|hỏi về] {proc}, ${SHE} [quát|gắt|nạt|lớn tiếng] [luôn|ngay|lên]: "[đứng đấy|ra ngoài kia|chờ đấy|không thấy đang bận à|đọc không biết à]"`,
    `${WHEN} ${WHO} [lên|ra] {unit} [làm|nộp] {proc}, ${SHE} [nói trống không|trả lời cộc lốc|nói nhát gừng|nói cụt lủn], [hỏi lại|hỏi thêm] thì [bị gắt|bị lườm|bị quát|còn cáu]`,
    `${WHO} [chỉ|] hỏi [có|] [hai|mấy|một] câu [về|cho rõ về] {proc} mà ${SHE} [gắt gỏng|cáu kỉnh|nổi cáu|gắt lên] "[hỏi gì mà hỏi lắm thế|đã bảo rồi còn hỏi|không hiểu thì về hỏi con cháu]", [tôi|em] [rất|] [xấu hổ|tủi thân|ngại] [với mọi người|]`,
    '[mẹ tôi|bà tôi|bố tôi|ông nội tôi|vợ tôi] [về nhà|về] [kể|khóc kể|buồn lắm, kể] [là|rằng] [bị|đã bị] {actor} [quát|mắng|nói nặng lời|to tiếng|xua đuổi] [khi|lúc] [lên|ra] {unit} [làm|hỏi] {proc}',
    `[lúc|khi] ${WHO} [trình bày|đưa hồ sơ|hỏi], ${SHE} [không thèm ngẩng mặt lên|không nhìn lấy một lần|mắt vẫn dán vào điện thoại], [chỉ|rồi] [phẩy tay|hất hàm|chỉ tay] [bảo|ra hiệu] [đi ra|sang bàn kia|để đấy]`,
    `${SHE} [nói với|bảo] [tôi|mẹ tôi|bà con] [bằng giọng|một câu] [rất|] [khó nghe|hằn học|xúc phạm|mỉa mai]: "[nhà quê thế|dốt thế|có thế cũng không biết|lắm mồm thế|về mà học lại]", [cả phòng ai cũng nghe|tôi sững người|nhục quá]`,
    '[đến|lên] {unit} [làm|nộp] {proc}, [tôi|em] [chào|chào hỏi lễ phép|chào anh chị] mà {actor} [không chào lại|lờ đi|không thèm đáp], [hỏi|nói] [gì|câu nào] cũng [trả lời trống không|cau có|gắt gỏng]',
    '[cán bộ|người] [tiếp dân|ở bộ phận một cửa|tư pháp|địa chính] [của|ở] {unit} [ăn nói|cư xử|xưng hô] [như|kiểu] [bề trên|quát con cái|ban ơn], [gọi|xưng] [người lớn tuổi|bố tôi|dân] [là|bằng] "[mày|ông kia|bà kia]" [nghe rất chướng|rất khó chịu|thật thiếu văn hóa]',
    'có [cô|chị|anh] [cán bộ|nhân viên] [ở|trực] [một cửa|{unit}] [rất|cực kỳ] [khó tính|thiếu lịch sự|hách dịch trong cách nói], [lần nào|hôm nào] [tôi|dân] [đến|hỏi] cũng [bị gắt gỏng|bị lườm nguýt|bị trả lời kiểu ban ơn]',
    '[gọi điện|điện thoại] [lên|cho] {unit} [hỏi|để hỏi] {proc}, [người nghe máy|{actor}] [nói|trả lời] "[không biết|hỏi chỗ khác|tự lên mà hỏi]" rồi [cúp máy|dập máy] [luôn|cái rụp|], [không để tôi nói hết câu|chẳng chào một tiếng]',
    '[tôi|em] [muốn|xin] [phản ánh|góp ý] [về|] thái độ [của|] {actor}: [ăn nói|nói năng] [trống không|xấc|thiếu văn hóa], [không có|thiếu] [lời chào|câu xin lỗi|lời cảm ơn] [nào|], [trái với|không đúng] [4 xin 4 luôn|tinh thần phục vụ nhân dân]',
    `${SHE} [quát|mắng] ${WHO} [ầm lên|om sòm|như mắng con] [giữa|trước] [bao nhiêu người|mọi người|hàng người chờ], [chỉ vì|trong khi] [tôi|em] [chỉ hỏi|hỏi] [hồ sơ nộp ở bàn nào|bao giờ có kết quả|có cần photo không]`,
    '[hôm {wd}|hôm trước] [đi|lên] {unit} [làm|nộp] {proc} [mà|thì] [gặp|bị] [thái độ|cách tiếp dân] [rất|quá] [tệ|khó chịu|coi thường dân] [của|từ] {actor}, [về|nghĩ lại] [vẫn|còn] [bực|ấm ức|buồn]',
  ],
  tre_han: [
    '[cho|xin phép cho] [em|cháu|tôi] hỏi [ạ|], [hồ sơ|{proc}] [em|nhà em|của tôi] nộp từ [ngày|hôm] {date}[, hẹn|, giấy hẹn ghi] {date2} [mà|] [sao|] [đến giờ|nay|hôm nay] [vẫn|] chưa [có|thấy|nhận được] [kết quả|{result}] [ạ|vậy ạ|?]',
    '[dạ|] [em|cháu] [chào|xin chào] [anh chị|ad|xã], [em|cháu] [nộp|làm] {proc} [hơn|đã] {dur} [rồi|] [mà|] [vẫn chưa|chưa] [có|được] [kết quả|{result}], [quá hẹn|quá ngày hẹn] [rồi|] [ạ|], [nhờ|mong] [anh chị|xã] [kiểm tra|xem] giúp [em|cháu] [với ạ|ạ]',
    '[hẹn|phiếu hẹn ghi] [ngày|] {date} [mà|nhưng] [nay|đến nay|hôm nay] [đã|là] {date2} [rồi|] [vẫn chưa có|chưa thấy] {result}, [không biết|chẳng biết] [hồ sơ|của em] [bị|có] [vướng|thiếu|kẹt] [ở đâu|gì không] [ạ|?]',
    '[em|tôi] [lên|đến] [nhận|lấy] {result} [theo|đúng] [giấy hẹn|ngày hẹn] [mấy lần|{n} lần] [rồi|] [mà|] [vẫn|] [chưa có|bảo chưa xong], [cho em hỏi|xin hỏi] [bao giờ|khi nào] [mới có|thì có] [ạ|?]',
    '[xin lỗi|làm phiền] [anh chị|ad] [ạ|], [em|tôi] [muốn|xin] hỏi [tiến độ|tình hình] {proc} [vì|do] [đã|] [quá hẹn|qua ngày hẹn|quá thời hạn] [{dur}|{n} ngày|hơn tuần] [mà|nhưng] [chưa|vẫn chưa] [nhận được|có] [thông báo|kết quả] gì [ạ|]',
    '[cảm ơn|xin cảm ơn|đa tạ] [xã|phường|{unit}|các anh chị] [đã|vì đã] [cho tôi|để tôi|bắt tôi] [chờ|đợi] {result} [những|tròn|gần] {dur} [trong khi|dù] [hẹn|giấy hẹn ghi] {n} ngày[, quá nhanh quá nguy hiểm|, đúng là thần tốc|, hiệu quả thật|] {sarc}',
    '[thật|quả] [đáng khen|là nhanh|là giỏi] [cho|] [xã|phường]: hẹn {date} mà [giờ|] [qua|đã qua] {dur} [vẫn|] [chưa có|bặt tăm] {result} {sarc}',
    '[mong|đề nghị|kính đề nghị] [xã|phường|bộ phận một cửa] [sớm|] [trả|giải quyết] {result} [cho|] [gia đình tôi|em] [vì|do] [đã|] [quá hẹn|trễ hẹn|quá thời hạn] [{dur}|từ ngày {date}] [rồi|] [ạ|]',
    '[sao|thế nào mà|làm gì mà] [làm|xử lý|ký] [cái|một cái] {result} [lâu thế|mà lâu vậy|mất {dur}] [ạ|vậy|?] [hẹn|giấy hẹn ghi] [{n} ngày|{date}] [thôi|mà]',
    '[hồ sơ|{proc}] [trên|ở] [cổng dịch vụ công|VNeID|app] [vẫn|cứ] [báo|hiện] "[đang xử lý|chờ phê duyệt|đã tiếp nhận]" [từ|suốt] {dur} [nay|], [quá|qua] [ngày hẹn|hạn trả] [rồi|] [mà|] [chưa|không] [ai|thấy ai] [liên hệ|báo gì]',
    '[em|tôi] [có|] nộp {proc} [từ|hôm] {date}, [ghi|hẹn] {n} ngày [làm việc|] [là có|là xong], [giờ|đến nay] [đã|] [quá|gần gấp đôi] [rồi|thời gian] [ạ|], [anh chị|ad] [xem giúp|kiểm tra giúp] [hồ sơ của em|giúp em] [đang ở đâu|với] [ạ|]',
  ],
  gian_doi: [
    '[xã|phường|{actor}] [vừa|mới] [được|nhận] [bằng khen|danh hiệu|cờ thi đua] [về|vì] [thành tích|] [xóa nhà tạm|giảm nghèo|nông thôn mới|cải cách hành chính] [nhưng|mà] [thực tế|trong thôn|thôn tôi] [vẫn|còn] [mấy nhà tạm|nhiều hộ khó khăn|hồ sơ trễ hàng loạt], [thành tích ảo|báo cáo láo|toàn trên giấy]',
    '[nghe nói|ai cũng biết|cả xã đồn] {actor} [phải|đã] [chi|bỏ ra|chạy] [tiền tỷ|mấy trăm triệu|{amt}] [để|mới] [được|lên] [ghế|làm] [chủ tịch|phó chủ tịch|trưởng công an|cán bộ địa chính], [chạy chức|mua quan bán chức] [rõ ràng|công khai]',
    '{actor} [bảo|hứa|nói] [với dân|với tôi] [là|rằng] [đã|] [nộp|chuyển|gửi] [hồ sơ|đơn|danh sách] [lên huyện|lên tỉnh|lên trên] [rồi|], [nhưng|mà] [tôi|em] [hỏi|lên hỏi] [thì|] [bên đó|cấp trên] [bảo|nói] [chưa nhận|không có] [gì|hồ sơ nào], [nói dối trắng trợn|lừa dân]',
    '[bảng|danh sách] [công khai|niêm yết] [ghi|báo] [nhà tôi|tôi] [đã nhận|đã ký nhận] {benefit} [mà|nhưng] [nhà tôi|tôi] [chưa|chưa từng|không hề] [nhận|được nhận] [đồng nào|gì cả], [ai đó|cán bộ] [ký thay|giả chữ ký]',
    '[để|cho] [đạt chỉ tiêu|đủ chỉ tiêu|có thành tích], {actor} [bảo|yêu cầu|bắt] [thôn|trưởng thôn|dân] [khai|báo|ghi] [tăng|giảm|sai] [số liệu|số hộ|thu nhập] [{stat}|]',
    '{actor} [khai man|khai gian|khai sai] [lý lịch|tuổi|hồ sơ|thành tích] [để|mới] [được|] [đề bạt|bổ nhiệm|vào biên chế|cử đi học]',
    '[biên bản|báo cáo] [họp|đối thoại|tiếp dân] [ghi|viết] [là|] [dân|bà con] [không có ý kiến|nhất trí 100%|đồng tình] [trong khi|mà] [thực tế|hôm đó] [cả hội trường phản đối|nhiều người phản đối|dân phản đối kịch liệt]',
    '[báo cáo|bản tin] [của|] [xã|phường] [nói|ghi] [đã|] [khắc phục xong|sửa xong|giải quyết dứt điểm] {problem} [, ảnh chụp đẹp lắm|] [nhưng|mà] [ra|xuống] [tận nơi|thôn] [xem|thì] [vẫn y nguyên|chưa ai động vào], [báo cáo sai sự thật|lừa cấp trên]',
  ],
  quan_lieu: [
    '[phản ánh|báo] [lên|với] [xã|phường|{unit}] [mấy lần|{n} lần|nhiều lần] [về|việc] {problem}[, xã bảo|, được trả lời] [đã ghi nhận|sẽ xem xét|để báo cáo lên trên] [rồi|] [mất hút|im luôn|chẳng thấy gì]',
    '[xã|phường] [bảo|nói] [việc|chuyện] {problem} [là|thuộc] [của|trách nhiệm] [thôn|huyện|tỉnh|công ty], [thôn|bên đó] [lại bảo|bảo] [của xã|về hỏi xã], [cứ đá qua đá lại|đùn đẩy nhau|đá bóng trách nhiệm] [mãi|suốt {dur}]',
    '{actor} [chỉ ngồi phòng máy lạnh|suốt ngày họp|chỉ biết họp], [không bao giờ|chưa từng] [xuống|về] [thôn|cơ sở|tận nơi] [xem|nắm] [tình hình|{problem}], [dân sống chết mặc bây|vô cảm quá]',
    '[người dân|bà con] [khổ|chịu cảnh] {problem} [cả|suốt] {dur} mà [lãnh đạo|{actor}|xã] [như|cứ như] [không biết|không nghe thấy], [đơn gửi|kiến nghị] [mấy lần|bao nhiêu lần] [vẫn|] [không hồi âm|chẳng ai trả lời]',
  ],
  khen: [
    `${WHEN} ${WHO} [lên|ra] {unit} [làm|nộp hồ sơ] {proc}, [chị|anh|cô] [cán bộ|{off}] [hướng dẫn|giải thích] [rất|] [kỹ|tận tình|dễ hiểu], [còn|lại] [giúp|điền giúp] [tờ khai|giấy tờ], [rất cảm ơn|quý lắm|cảm ơn nhiều]`,
    '[xã|phường] mình [làm việc|phục vụ] [tốt|chu đáo|nhanh] [quá|lắm|thật] [ạ|], [like|10 điểm|5 sao] [cho|] [cán bộ|một cửa|xã] {pos}',
  ],
  gop_y: [
    '[đề nghị|mong|kiến nghị] [xã|phường] [công khai|niêm yết|đăng] [danh sách|số liệu|kết quả xét] [{benefit}|hộ nghèo|đóng góp] [lên page|ở nhà văn hóa|trên bảng tin] [để|cho] [dân theo dõi|minh bạch|bà con giám sát]',
    '[nên|đề nghị|mong] [xã|phường] [có|gửi] [tin nhắn|SMS|Zalo] [báo|nhắc] [khi hồ sơ có kết quả|ngày trả kết quả|nếu hồ sơ bị chậm] [để|cho] [dân|bà con] [đỡ phải|khỏi] [đi lại|hỏi nhiều lần]',
  ],
};
