/**
 * Fifth set of templates: sarcasm and politeness wrapped around complaints (thanks that
 * are not thanks), and more ways of describing rude behaviour and dishonesty.
 */

import type { LabelId } from '../../src/classify/labels.ts';

export const FIFTH_CORES: Partial<Record<LabelId, readonly string[]>> = {
  tre_han: [
    '[xin chúc mừng|cảm ơn|khen] [xã|phường|{unit}] [đã lập kỷ lục|làm việc thần tốc|quá nhanh]: {result} hẹn {n} ngày mà [mất|thành] {dur} {sarc}',
    '[dạ|vâng] [em|tôi] [cảm ơn|biết các anh chị bận], nhưng {result} [đã|] [quá hẹn|trễ hẹn] [{dur}|{n} ngày] rồi [ạ|], [mong|xin] [xã|phường] [xem giúp|trả sớm]',
    '[thật tuyệt|hay thật|giỏi thật], [nộp|làm] {proc} [từ|hôm] {date}, [hẹn|phiếu hẹn] {date2}, [giờ|đến nay] [vẫn|] [chờ|chưa có] {sarc}',
    '[kiên nhẫn|chờ] [mãi|lâu quá] [rồi|] [đấy ạ|], {result} [ghi hẹn|hẹn trả] [tuần trước|từ tháng trước] [mà|] [chưa có|vẫn chưa thấy] [gì|đâu]',
  ],
  ung_xu: [
    '[cảm ơn|xin cảm ơn] {actor} đã [quát|mắng|lớn tiếng với] [mẹ tôi|tôi|bà cụ] [giữa phòng|trước mặt mọi người] [, nhớ đời|, đúng là phục vụ nhân dân] {sarc}',
    '{actor} [tiếp dân|làm việc] [với thái độ|kiểu] [ban ơn|bề trên|hách dịch], [hỏi gì|nói gì] cũng [gắt|cáu|trả lời nhát gừng]',
    '{actor} [phán|nói] [một câu|] "[ai bảo không đọc thông báo|tự chịu đi|chuyện của anh chị]" [rồi|] [quay lưng|đi vào trong|bỏ đi]',
    '{actor} [mắng|nạt|quát] [dân|bà con|tôi] [như|cứ như] [mắng con|quát người làm|học trò], [thật không chấp nhận được|quá đáng lắm]',
    '[không một lời chào|không một câu xin lỗi|không cảm ơn], {actor} [ném|đẩy|dúi] [giấy tờ|kết quả] [ra|về phía] [tôi|dân] [rồi quay đi|rồi làm việc khác]',
    '{actor} [cười cợt|chế giễu|nhại giọng] [người dân tộc|giọng quê của tôi|cách nói của bà cụ] [trước mặt mọi người|với đồng nghiệp]',
  ],
  gian_doi: [
    '{actor} [báo cáo|nói] [với|lên] [cấp trên|đoàn kiểm tra|tỉnh] [là|rằng] [đã|] [giải quyết xong|hoàn thành|hỗ trợ đủ] [nhưng|trong khi] [thực tế|dân] [chưa có gì|vẫn chờ|không biết gì]',
    '[hồ sơ|biên bản|danh sách] [bị|đã bị] [làm giả|sửa lại|viết lại] [để|cho] [hợp thức hóa|che sai phạm|khớp số liệu], [tôi có bản gốc|dân đều biết]',
    '[thành tích|danh hiệu|bằng khen] [của xã|của {actor}] [là|toàn] [ảo|mua|chạy mà có], [thực tế|ở thôn] [chẳng có gì|ngược lại hết]',
    '{actor} [lừa|nói dối|hứa hão] [dân|bà con] [rằng|là] [tiền đã chuyển|giấy đã ký|đơn đã gửi] [nhưng|mà] [kiểm tra thì không có|hỏi lại thì chối]',
    '[số liệu|con số] [trong báo cáo|trên page|ở bảng tin] [về|của] {stat} [sai|không đúng|bịa] [hoàn toàn|so với thực tế], [thôn tôi|nhà tôi] [không hề|chưa bao giờ] [được như vậy|có]',
  ],
};
