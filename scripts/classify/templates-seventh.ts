/**
 * Seventh set of templates, for the error patterns reported on texts the project never saw
 * (issue "Classifier on real citizens' words"; no texts were given, only the patterns):
 *   - suggestions that open with "Nên…", "Mong…", "Đề nghị…", "Kiến nghị…", "suggest…":
 *     proposals, not complaints;
 *   - praise told as a story or in slang ("nice job", "tăng 1 like", "cứ thế phát huy",
 *     "giờ đổi khác hẳn");
 *   - portal-style reports and questions about roads, drains, rubbish, flooding,
 *     encroachment, noise that accuse no official (khác);
 *   - long formal letters ("Kính gửi… Tôi tên là… Trân trọng") where a leader's title
 *     stands far from the wrong done;
 *   - sarcasm ("đủ bộ 4 không").
 * Written from TAXONOMY.md and general knowledge of how citizens write to a commune.
 */

import type { LabelId } from '../../src/classify/labels.ts';

const ROAD = '[đường|tuyến đường|con đường|ngõ|hẻm|kiệt] [liên thôn|trục chính|vào {village}|đi qua {village}|số 5|ra chợ|ra đồng|trước trường tiểu học]';
const HAZARD =
  '[có nhiều ổ gà, ổ voi|bị sụt lún một đoạn dài|hố ga bị mất nắp|đèn đường tắt cả tháng|cống thoát nước bị tắc|ngập sâu mỗi khi mưa|nứt toác mặt đường|bị đào lên rồi bỏ đó|cây xanh nghiêng sắp đổ|dây điện chằng chịt sà xuống thấp]';
const DIRT =
  '[bãi rác tự phát|rác thải sinh hoạt|nước thải từ các hộ chăn nuôi|khói đốt rơm rạ|mùi hôi từ cơ sở chế biến|bụi từ xe chở vật liệu|tiếng ồn từ xưởng gỗ|tiếng karaoke đến khuya|chó thả rông|xác động vật vứt dưới mương]';
const ENCROACH =
  '[quán ăn bày bàn ghế lấn chiếm vỉa hè|hộ dân xây lấn ra hành lang đường|xe tải đỗ chiếm lòng đường|chợ tạm họp tràn ra đường|vật liệu xây dựng đổ tràn ra lối đi|mái che dựng ra sát mép đường]';

export const SEVENTH_CORES: Partial<Record<LabelId, readonly string[]>> = {
  khac: [
    `${ROAD} [tại|ở] {village}, {place} ${HAZARD}[, rất nguy hiểm cho người đi đường|, tối đi rất dễ ngã|, học sinh đi lại khó khăn|]. [Đề nghị|Kính đề nghị|Mong] [cơ quan chức năng|địa phương|xã|phường] [kiểm tra, xử lý|sớm khắc phục|cho người xuống xem]`,
    `[Tôi|Gia đình tôi|Bà con] [sống|ở] [tại|] {village} [xin|muốn] phản ánh [tình trạng|việc] ${DIRT} [kéo dài|diễn ra] [nhiều tháng nay|mấy tuần nay|từ đầu năm], [ảnh hưởng|gây ảnh hưởng] [đến sức khỏe|đến sinh hoạt] [của người dân|bà con xung quanh]`,
    `[Tại|Ở] [khu vực|đoạn] [chợ|ngã ba|cổng trường|đầu {village}], ${ENCROACH}, [gây|làm] [ùn tắc|mất an toàn giao thông|mất mỹ quan] [vào giờ cao điểm|nhất là buổi sáng|]. [Đề nghị|Mong] [lực lượng chức năng|phường|xã] [nhắc nhở|xử lý|lập lại trật tự]`,
    `[mưa|mưa to|trận mưa] [chiều qua|đêm qua|hôm {wd}] [làm|khiến] {village} [ngập|ngập sâu] [gần nửa mét|đến đầu gối|vào tận nhà], [nước|nước thải] [không thoát được|rút rất chậm], [xin|mong] [xã|phường] [nạo vét cống|khơi thông mương|có phương án]`,
    `[cho|xin] [em|tôi|mình] hỏi [ạ|], [bao giờ|khi nào] ${ROAD} [được|mới được] [sửa|làm lại|trải nhựa|lắp đèn] [ạ|vậy|?]`,
    `[ai|ở đâu|số nào] [phụ trách|xử lý|nhận phản ánh] [về|việc] ${DIRT} [vậy ạ|ạ|?] [nhà em|tôi] [ở|tại] {village}`,
    `[Kính gửi|Kính thưa] [UBND {place}|{unit}]. Tôi tên là [Nguyễn Văn Hòa|Trần Thị Lan|Lê Minh Tuấn|Phạm Thị Hằng], [cư trú|hiện ở] tại {village}. [Tôi xin phản ánh|Xin phản ánh] [việc|tình trạng] ${HAZARD.replace('[', '[đoạn đường trước nhà tôi ')}[ đã lâu| từ tháng trước|]. [Kính mong|Rất mong] [địa phương|Ủy ban] [quan tâm|sớm] [giải quyết|khắc phục]. Trân trọng [cảm ơn|].`,
    `[cho hỏi|xin hỏi|em hỏi chút] [thủ tục|hồ sơ|giấy tờ] {proc} [bây giờ|sau sáp nhập] [làm ở đâu|nộp online được không|mất bao lâu|hết bao nhiêu tiền] [ạ|vậy|ad ơi|?]`,
    '[nhà em|nhà tôi|hàng xóm] [bị|vừa bị] [mất trộm|mất xe máy|trộm gà|kẻ gian phá khóa] [đêm qua|hôm {wd}], [báo|trình báo] [công an xã|công an phường] [ở đâu|thế nào] [ạ|?]',
    `[mất nước|mất điện|nước máy đục|nước sinh hoạt có mùi] [ở|tại] {village} [từ sáng|mấy hôm nay|đã 3 ngày], [bao giờ có lại|xin hỏi nguyên nhân|ai xử lý] [ạ|vậy|?]`,
    '[Tôi|Em] [muốn|cần] [xác nhận|đăng ký|hỏi về] {proc}[ nhưng không biết| mà chưa rõ] [cần mang giấy tờ gì|làm ở bàn nào|trụ sở mới ở đâu], [mong|nhờ] [ad|cán bộ|xã] [hướng dẫn|chỉ giúp] [ạ|]',
  ],
  gop_y: [
    '[Nên|Xã nên|Phường nên|Ủy ban nên] [mở|có|lắp|bố trí|làm] {thing} [để|cho] {reason}',
    '[Mong|Rất mong|Mong là|Mong sao] [xã|phường|ủy ban|lãnh đạo xã] [sớm|] {act} {thing}[ để {reason}|, dân đỡ vất vả|]',
    '[Đề nghị|Kiến nghị|Kính đề nghị|Xin đề xuất] [xã|phường|ủy ban|địa phương] {act} {thing}[ để {reason}|]',
    '[suggest|góp ý nhỏ|em có ý kiến] [là|:] [xã|phường|ub] [nên|có thể] {act} {thing}[, {reason}|]',
    '[sao|tại sao] [xã|phường] không {act} {thing} [nhỉ|ạ|?] [làm vậy thì|như thế] {reason}',
    '[Tôi|Em] [có|xin] [một|vài] [ý kiến|đề xuất|góp ý]: [thứ nhất|một là] {act} {thing}; [thứ hai|hai là] {act} {thing}. [Như vậy|Làm vậy] {reason}',
    '[Để|Muốn] {reason}, [theo tôi|em nghĩ|tôi nghĩ] [xã|phường] [nên|cần] {act} {thing}',
    '[Bộ phận một cửa|Trụ sở mới|Trang Zalo của xã|Cổng dịch vụ công] [làm việc|hoạt động] [cũng được|ổn], [chỉ mong|nhưng nên|có điều nên] {act} {thing} [nữa|thêm] [là|thì] [tốt|hoàn hảo|tuyệt]',
  ],
  khen: [
    '[Hôm trước|Tuần rồi|Sáng {wd}] [tôi|em|mẹ tôi] [lên|ra] {unit} [làm|nộp] {proc}, [được|có] {off} [hướng dẫn|chỉ] [tận tình|từng chút một|rất kỹ], [chỉ|mất có] [15 phút|nửa buổi|một buổi sáng] [là xong|đã có kết quả]. [Cứ thế phát huy nhé|Cảm ơn nhiều|Rất hài lòng]',
    '[nice job|good job|10 điểm|tăng 1 like|like mạnh|quá đỉnh|xịn thật] [xã|phường|ad|các anh chị] [ơi|] {pos}',
    '[Mấy năm trước|Hồi trước|Ngày xưa] [lên|đến] {unit} [làm giấy tờ|làm thủ tục] [là|thì] [ngại lắm|phải chờ cả buổi], [giờ|bây giờ|năm nay] [đổi khác hẳn|khác hẳn|tiến bộ thật]: [có người hướng dẫn|nộp online được|cán bộ niềm nở], [rất đáng khen|cảm ơn xã|cứ thế phát huy]',
    '[{village}|Đường vào {village}|Khu chợ] [giờ|bây giờ|từ khi được làm lại] [sạch đẹp|sáng sủa|khang trang] [hẳn|quá], [cảm ơn|khen] [xã|phường|các anh chị] [đã|] [quan tâm|làm nhanh|lắng nghe bà con] {pos}',
    '[Thật sự|Phải nói là] [rất|quá] [ấn tượng|bất ngờ|hài lòng] [với|vì] [cách|tác phong] [làm việc|phục vụ] [của|ở] {unit}[, {off} nhiệt tình|, nhanh gọn, không phiền hà|], [xin|cho] [gửi lời cảm ơn|một lời khen]',
    '[Kính gửi|Kính thưa] [UBND {place}|{unit}]. [Gia đình tôi|Tôi] xin [gửi lời cảm ơn chân thành|bày tỏ lòng biết ơn] [tới|đến] {off} [đã|vì đã] [giúp|hỗ trợ] [gia đình|tôi] [hoàn thành|làm] {proc} [nhanh chóng|chu đáo]. [Trân trọng|Kính chúc sức khỏe].',
  ],
  quan_lieu: [
    '[Kính gửi|Kính thưa] [UBND {place}|{unit}]. Tôi [tên là|là] [Nguyễn Văn Bình|Đỗ Thị Mai|Vũ Văn Long], [trú tại|ở] {village}. [Từ tháng 3|Đã hơn nửa năm|Từ đầu năm], [tôi|bà con] [đã|] [nhiều lần|ba lần] [gửi đơn|phản ánh] [về việc|việc] {problem}. [Đơn gửi|Phản ánh] [đến|lên] [tận|cả] [chủ tịch xã|phó chủ tịch xã|lãnh đạo xã], [nhưng|mà] [đến nay|tới giờ] [không ai trả lời|vẫn bặt vô âm tín|chưa thấy ai xuống]. [Trân trọng|Kính mong được quan tâm].',
    '[Chuyện|Vụ] {problem} [ở|tại] {village} [dân|bà con] [báo|kêu] [cả năm|mấy tháng] [rồi|nay], [xã|phường] [hẹn|hứa] [xuống xem|xử lý] [rồi|mà] [lần nào cũng hủy|để đó|im luôn], [không ai chịu trách nhiệm|đùn qua đẩy lại]',
  ],
  tham_nhung: [
    '[Kính gửi|Kính thưa] [các cơ quan chức năng|UBND tỉnh|{unit}]. Tôi [xin|mạnh dạn] [phản ánh|tố giác] [việc|sự việc] [như sau|sau]: [Tháng 5|Năm ngoái|Đầu năm nay], [gia đình tôi|tôi] [làm|nộp hồ sơ] {proc}. [Sau đó|Ít hôm sau], [ông|bà] [phó chủ tịch xã|chủ tịch xã|cán bộ địa chính] [gặp riêng|gọi điện] [yêu cầu|bảo] [đưa|nộp thêm] {amt} [thì mới|mới] [ký|làm nhanh], [không có biên lai|không giấy tờ gì]. [Đề nghị|Kính mong] [làm rõ|xác minh]. Trân trọng.',
  ],
  loi_dung: [
    '[Kính gửi|Kính thưa] [UBND tỉnh|các cấp có thẩm quyền|{unit}]. Tôi [xin trình bày|xin phản ánh] [một việc|sự việc]. [Khi|Lúc] [xét|bình xét] {benefit} [ở|tại] {village}, [danh sách|kết quả] [toàn|lại toàn] [người nhà|họ hàng] [của|] [ông|bà] [chủ tịch xã|bí thư xã|phó chủ tịch xã], [trong khi|còn] [hộ|gia đình] [khó khăn thật|thực sự khó khăn] [lại|thì] [bị loại|không có tên]. [Mong|Đề nghị] [xem xét|làm rõ]. Trân trọng.',
  ],
  cua_quyen: [
    '[đủ bộ|đúng chuẩn|đủ combo] [4 không|5 không] [luôn|rồi] {sarc} [hồ sơ|đi làm {proc}] [bắt|phải] [bổ sung|đi lại] {n} lần, [lần nào|mỗi lần] [cũng|] [thiếu|đòi thêm] [một thứ|giấy khác]',
  ],
};
