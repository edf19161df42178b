/**
 * Vocabulary for the synthetic training set: commune services with their procedures,
 * papers and officials, people, places, amounts, and the fillers of each label's
 * templates. Written for this project; no message of the development corpus is used.
 */

export interface Service {
  readonly id: string;
  readonly proc: readonly string[];
  readonly doc: readonly string[];
  readonly off: readonly string[];
  /** Things citizens report as a hazard or unsolved problem in this field. */
  readonly problem: readonly string[];
  /** Benefits or results a citizen waits for. */
  readonly result: readonly string[];
}

export const SERVICES: readonly Service[] = [
  {
    id: 'ho_tich',
    proc: [
      'đăng ký khai sinh cho con',
      'làm giấy khai sinh cho cháu',
      'đăng ký kết hôn',
      'đăng ký khai tử cho bố',
      'xin trích lục khai sinh',
      'cấp bản sao trích lục kết hôn',
      'xác nhận tình trạng hôn nhân',
      'thay đổi, cải chính hộ tịch',
      'đăng ký nhận cha con',
      'ghi chú kết hôn có yếu tố nước ngoài',
    ],
    doc: ['giấy chứng sinh', 'giấy xác nhận tình trạng hôn nhân', 'sổ hộ khẩu cũ', 'bản sao giấy khai sinh', 'giấy báo tử', 'CCCD của hai vợ chồng', 'tờ khai có xác nhận của trưởng thôn'],
    off: ['cán bộ tư pháp', 'cán bộ tư pháp - hộ tịch', 'chị cán bộ hộ tịch', 'công chức tư pháp', 'anh cán bộ một cửa'],
    problem: ['sai tên trong giấy khai sinh của con', 'trích lục bị in sai ngày sinh', 'hồ sơ hộ tịch nhập sai vào phần mềm mới'],
    result: ['giấy khai sinh', 'trích lục kết hôn', 'giấy xác nhận tình trạng hôn nhân', 'trích lục khai tử'],
  },
  {
    id: 'chung_thuc',
    proc: ['chứng thực bản sao', 'chứng thực chữ ký', 'chứng thực hợp đồng tặng cho', 'công chứng giấy tờ nhà', 'sao y học bạ cho con', 'chứng thực hợp đồng mua bán xe'],
    doc: ['bản chính', 'bản gốc học bạ', 'giấy ủy quyền', 'hợp đồng có chữ ký hai bên', 'CCCD gắn chip'],
    off: ['cán bộ chứng thực', 'chị ở bàn chứng thực', 'cán bộ một cửa', 'anh tư pháp'],
    problem: ['máy photo ở bộ phận một cửa hỏng cả tháng', 'bàn chứng thực chỉ làm buổi sáng'],
    result: ['bản chứng thực', 'hợp đồng đã chứng thực'],
  },
  {
    id: 'dat_dai',
    proc: [
      'làm sổ đỏ',
      'cấp giấy chứng nhận quyền sử dụng đất',
      'tách thửa cho con',
      'chuyển mục đích sử dụng đất',
      'sang tên sổ đỏ',
      'đo đạc lại ranh giới thửa đất',
      'giải quyết tranh chấp đất với nhà hàng xóm',
      'xin xác nhận nguồn gốc đất',
      'nhận tiền đền bù giải phóng mặt bằng',
      'cấp đổi sổ đỏ bị rách',
    ],
    doc: ['bản đồ địa chính', 'giấy tờ mua bán viết tay', 'xác nhận của tổ dân phố', 'trích đo thửa đất', 'biên bản hòa giải', 'giấy nộp tiền sử dụng đất'],
    off: ['cán bộ địa chính', 'anh địa chính', 'công chức địa chính - xây dựng', 'cán bộ đo đạc', 'cán bộ phòng kinh tế'],
    problem: ['đất nhà tôi bị đo sai diện tích', 'ranh giới đất bị lấn mà không ai xuống đo', 'đất công bị lấn chiếm làm quán'],
    result: ['sổ đỏ', 'giấy chứng nhận quyền sử dụng đất', 'quyết định chuyển mục đích', 'tiền đền bù', 'kết quả tách thửa'],
  },
  {
    id: 'xay_dung',
    proc: ['xin giấy phép xây dựng', 'xin phép sửa chữa nhà', 'xin cấp phép làm tường rào', 'báo khởi công xây nhà', 'xin phép cơi nới nhà'],
    doc: ['bản vẽ thiết kế', 'bản vẽ có chữ ký kỹ sư', 'cam kết của hàng xóm', 'giấy phép cũ'],
    off: ['cán bộ xây dựng', 'cán bộ địa chính - xây dựng', 'đội trật tự đô thị', 'anh quản lý trật tự xây dựng'],
    problem: ['nhà bên cạnh xây lấn sang phần đất nhà tôi', 'công trình xây không phép ở đầu ngõ', 'vật liệu xây dựng đổ chắn hết lòng đường'],
    result: ['giấy phép xây dựng', 'giấy phép sửa chữa'],
  },
  {
    id: 'bao_tro',
    proc: [
      'xin trợ cấp cho người khuyết tật',
      'làm hồ sơ hộ nghèo',
      'xin trợ cấp người cao tuổi cho mẹ',
      'xin hỗ trợ đột xuất khi nhà bị cháy',
      'xét hộ cận nghèo',
      'xin trợ cấp mai táng phí',
      'làm chế độ người có công',
      'xin hỗ trợ tiền điện cho hộ nghèo',
    ],
    doc: ['giấy xác nhận khuyết tật', 'biên bản họp thôn', 'giấy xác nhận của bệnh viện', 'đơn có xác nhận trưởng thôn'],
    off: ['cán bộ lao động thương binh xã hội', 'cán bộ văn hóa - xã hội', 'chị phụ trách chính sách', 'cán bộ xã hội'],
    problem: ['cụ già neo đơn trong thôn không ai chăm', 'nhà hộ nghèo bị dột mà không được hỗ trợ'],
    result: ['tiền trợ cấp', 'quyết định hưởng trợ cấp', 'tiền hỗ trợ', 'sổ hộ nghèo', 'chế độ người có công'],
  },
  {
    id: 'y_te',
    proc: ['làm thẻ bảo hiểm y tế cho con', 'gia hạn BHYT', 'tiêm chủng cho bé', 'khám sức khỏe ở trạm y tế', 'cấp lại thẻ BHYT bị mất', 'lấy thuốc huyết áp hằng tháng'],
    doc: ['thẻ BHYT cũ', 'sổ tiêm chủng', 'giấy chuyển tuyến', 'mã số BHXH'],
    off: ['y tá trạm y tế', 'bác sĩ trạm y tế', 'trưởng trạm y tế', 'nhân viên trạm y tế', 'cô y sĩ'],
    problem: ['trạm y tế đóng cửa giờ hành chính', 'thuốc ở trạm y tế hết hạn mà vẫn phát', 'trạm y tế không có nước sạch'],
    result: ['thẻ BHYT', 'giấy chuyển tuyến', 'kết quả xét nghiệm'],
  },
  {
    id: 'giao_duc',
    proc: ['xin học cho con vào lớp 1', 'chuyển trường cho con', 'xin miễn giảm học phí', 'xác nhận hồ sơ tuyển sinh', 'đăng ký tuyển sinh mầm non'],
    doc: ['giấy xác nhận cư trú', 'học bạ', 'giấy khai sinh bản sao', 'sổ hộ nghèo'],
    off: ['hiệu trưởng trường tiểu học', 'cô giáo chủ nhiệm', 'kế toán nhà trường', 'cán bộ văn hóa - giáo dục', 'thầy hiệu phó'],
    problem: ['sân trường ngập nước mỗi khi mưa', 'mái lớp học bị dột', 'nhà vệ sinh trường học bẩn'],
    result: ['giấy miễn học phí', 'quyết định chuyển trường', 'kết quả tuyển sinh'],
  },
  {
    id: 'moi_truong',
    proc: ['đăng ký thu gom rác', 'phản ánh ô nhiễm', 'xin xử lý nước thải', 'báo cáo đốt rơm rạ'],
    doc: ['ảnh chụp hiện trường', 'đơn phản ánh có chữ ký các hộ'],
    off: ['cán bộ môi trường', 'tổ thu gom rác', 'cán bộ nông nghiệp - môi trường', 'anh phụ trách môi trường'],
    problem: [
      'bãi rác tự phát ở đầu thôn bốc mùi',
      'trại heo xả nước thải ra kênh',
      'xưởng gỗ đốt rác khói đen cả xóm',
      'rác không được thu gom cả tuần',
      'cống thoát nước bị tắc, nước bẩn tràn vào nhà',
      'mùi hôi từ lò mổ gia súc',
      'tiếng ồn từ xưởng cơ khí cả đêm',
    ],
    result: ['kết quả xử lý', 'văn bản trả lời'],
  },
  {
    id: 'giao_thong',
    proc: ['đề nghị sửa đường liên thôn', 'xin làm gờ giảm tốc', 'xin lắp đèn đường', 'đóng góp làm đường bê tông'],
    doc: ['đơn kiến nghị của bà con', 'biên bản họp thôn'],
    off: ['cán bộ giao thông', 'cán bộ địa chính - xây dựng', 'trưởng ban giám sát đầu tư cộng đồng', 'tổ trưởng tổ dân phố'],
    problem: [
      'đường liên thôn có ổ gà sâu, xe máy ngã liên tục',
      'cây cầu tạm qua kênh sắp sập',
      'đèn đường ở đoạn gần chợ hỏng cả tháng',
      'cột điện nghiêng ngay cổng trường',
      'cây to bên đường sắp đổ',
      'đoạn đường mới làm đã bong tróc',
      'nắp cống hở giữa đường',
      'taluy bị sạt lở lấp nửa đường',
    ],
    result: ['kết quả sửa đường', 'văn bản trả lời'],
  },
  {
    id: 'an_ninh',
    proc: ['đăng ký thường trú', 'đăng ký tạm trú', 'làm căn cước cho con', 'cấp lại CCCD bị mất', 'tích hợp giấy tờ vào VNeID', 'xác nhận thông tin cư trú', 'trình báo mất xe'],
    doc: ['hợp đồng thuê nhà có chứng thực', 'giấy khai sinh bản chính', 'ảnh thẻ', 'giấy xác nhận của chủ nhà trọ'],
    off: ['công an xã', 'anh công an phường', 'cán bộ cư trú', 'công an viên', 'trưởng công an xã', 'cảnh sát khu vực'],
    problem: ['thanh niên tụ tập đua xe đêm khuya', 'trộm chó liên tục trong xóm', 'nhà hàng karaoke hát đến 2 giờ sáng', 'đánh bạc công khai ở quán nước đầu ngõ'],
    result: ['CCCD', 'xác nhận cư trú', 'kết quả đăng ký thường trú', 'thẻ căn cước'],
  },
  {
    id: 'kinh_doanh',
    proc: ['đăng ký hộ kinh doanh', 'xin giấy phép kinh doanh quán ăn', 'xin xác nhận an toàn thực phẩm', 'đổi tên hộ kinh doanh'],
    doc: ['hợp đồng thuê mặt bằng', 'giấy khám sức khỏe', 'giấy chứng nhận tập huấn an toàn thực phẩm'],
    off: ['cán bộ kinh tế', 'cán bộ thuế', 'cán bộ một cửa', 'quản lý chợ'],
    problem: ['quầy hàng ở chợ bị chiếm lòng đường', 'quán nhậu lấn hết vỉa hè'],
    result: ['giấy chứng nhận hộ kinh doanh', 'giấy phép kinh doanh'],
  },
  {
    id: 'nong_nghiep',
    proc: ['xin hỗ trợ thiệt hại do bão', 'nhận giống lúa hỗ trợ', 'xin hỗ trợ sau lũ', 'đăng ký tiêm phòng cho đàn gà', 'xin hỗ trợ cây giống'],
    doc: ['biên bản thống kê thiệt hại', 'ảnh chụp vườn bị hư', 'danh sách hộ bị thiệt hại'],
    off: ['cán bộ nông nghiệp', 'trưởng thôn', 'cán bộ khuyến nông', 'cán bộ thú y'],
    problem: ['mương nội đồng bị bồi lấp không ai nạo vét', 'dịch bệnh trên đàn heo không ai xuống kiểm tra'],
    result: ['tiền hỗ trợ thiệt hại', 'giống lúa', 'tiền hỗ trợ thiên tai'],
  },
  {
    id: 'truc_tuyen',
    proc: ['nộp hồ sơ trên cổng dịch vụ công', 'làm thủ tục trên VNeID', 'nộp hồ sơ trực tuyến', 'thanh toán lệ phí online', 'đặt lịch hẹn trên trang của phường'],
    doc: ['tài khoản định danh mức 2', 'bản scan giấy tờ', 'mã hồ sơ'],
    off: ['cán bộ một cửa', 'cán bộ phụ trách dịch vụ công', 'tổ công nghệ số cộng đồng', 'anh hỗ trợ kỹ thuật'],
    problem: ['cổng dịch vụ công của xã báo lỗi cả tuần', 'phần mềm mới sau sáp nhập không tra được hồ sơ cũ', 'hồ sơ nộp online bị treo không ai duyệt'],
    result: ['kết quả trên cổng dịch vụ công', 'thông báo duyệt hồ sơ', 'kết quả điện tử'],
  },
  {
    id: 'quy',
    proc: ['đóng quỹ phòng chống thiên tai', 'đóng góp xây nhà văn hóa', 'đóng quỹ khuyến học', 'đóng tiền làm đường', 'đóng quỹ an ninh quốc phòng'],
    doc: ['phiếu thu', 'danh sách đóng góp'],
    off: ['trưởng thôn', 'kế toán xã', 'tổ trưởng dân phố', 'thủ quỹ thôn', 'trưởng ấp'],
    problem: ['quỹ thôn thu mà không công khai', 'nhà văn hóa thôn xây xong khóa cửa cả năm'],
    result: ['bảng công khai quỹ', 'tiền hoàn lại'],
  },
];

/** Place name parts, combined into commune names. Generic on purpose: a name carries no label. */
export const PLACE_FIRST = ['Tân', 'An', 'Bình', 'Phú', 'Hòa', 'Long', 'Thạnh', 'Hưng', 'Đông', 'Tây', 'Nam', 'Bắc', 'Phước', 'Thuận', 'Hải', 'Sơn', 'Minh', 'Quảng', 'Vĩnh', 'Đức', 'Xuân', 'Cẩm', 'Yên', 'Kim', 'Hồng', 'Thanh', 'Mỹ', 'Lạc', 'Trung', 'Hiệp'];
export const PLACE_SECOND = ['Hòa', 'Phú', 'Lợi', 'Thành', 'Lộc', 'An', 'Bình', 'Sơn', 'Hải', 'Thịnh', 'Phong', 'Tiến', 'Khánh', 'Xuyên', 'Lâm', 'Hà', 'Giang', 'Điền', 'Mỹ', 'Hưng', 'Trạch', 'Quang', 'Nghĩa', 'Đông', 'Thủy'];
export const PLACE_KIND = ['xã', 'xã', 'xã', 'phường', 'phường', 'đặc khu'];

export const VILLAGE = ['thôn 3', 'thôn Đông', 'ấp 2', 'xóm Bãi', 'tổ dân phố 5', 'khu phố 4', 'bản Na', 'thôn Trung', 'ấp Bình Lợi', 'tổ 12'];

export const OFFICIAL_GENERIC = [
  'cán bộ một cửa',
  'cán bộ ở bộ phận tiếp nhận',
  'chị cán bộ',
  'anh cán bộ',
  'cán bộ xã',
  'nhân viên ủy ban',
  'cán bộ phường',
  'công chức trực một cửa',
  'anh Tuấn ở một cửa',
  'chị Lan bên tư pháp',
  'anh Hùng địa chính',
  'chị Hoa ở bàn tiếp nhận',
  'cô văn thư',
  'văn phòng ủy ban',
];

/** The commune's own leaders: chairman, vice-chairman, party secretary, "lãnh đạo xã". */
export const LEADER = [
  'chủ tịch xã',
  'ông chủ tịch xã',
  'phó chủ tịch xã',
  'ông phó chủ tịch UBND xã',
  'bà phó chủ tịch phường',
  'chủ tịch phường',
  'chủ tịch UBND phường',
  'bí thư đảng ủy xã',
  'bí thư xã',
  'ông bí thư',
  'lãnh đạo xã',
  'lãnh đạo phường',
  'phó chủ tịch phụ trách văn hóa - xã hội',
  'chủ tịch đặc khu',
  'đồng chí phó bí thư thường trực',
];

export const RELATIVE = ['con trai', 'con gái', 'em vợ', 'cháu ruột', 'người nhà', 'họ hàng', 'con rể', 'anh em ruột', 'vợ', 'bạn thân'];

export const AMOUNT = ['200 nghìn', '500k', '1 triệu', '2 triệu', '300.000đ', 'vài trăm nghìn', '3 triệu', '150k', '5 triệu', '1,5 triệu', '800 ngàn', '10 triệu', '50k', '100 nghìn'];
export const SMALL_N = ['2', '3', '4', '5', '6', '7', 'mấy', 'nhiều'];
export const DURATION = ['2 tuần', '1 tháng', '3 tháng', 'hơn 20 ngày', 'nửa năm', '10 ngày', 'gần 2 tháng', 'cả năm nay', '45 ngày', '5 tháng'];
export const DATES = ['3/9', '15/10', '20/11', '2/1', '8/3', '12/6', '25/7', '30/4', '1/8', '18/2', '5/12', '27/5'];
export const WEEKDAY = ['thứ 2', 'thứ 3', 'thứ 4', 'thứ 5', 'thứ 6', 'sáng thứ 7', 'chiều thứ 6'];

export const FUND = ['quỹ phòng chống thiên tai', 'quỹ khuyến học', 'quỹ vì người nghèo', 'quỹ xây nhà văn hóa', 'quỹ đền ơn đáp nghĩa', 'quỹ an ninh', 'tiền làm đường bê tông', 'quỹ hội người cao tuổi'];
export const BENEFIT = ['hỗ trợ hộ nghèo', 'suất nhà tình nghĩa', 'tiền hỗ trợ bão lũ', 'trợ cấp xã hội', 'đất tái định cư', 'vốn vay ưu đãi', 'suất học bổng', 'tiền đền bù', 'bò giống hỗ trợ', 'xuất khẩu lao động', 'công trình đường nội đồng'];
export const PUBLIC_ASSET = ['xe công', 'hội trường ủy ban', 'nhà văn hóa thôn', 'đất công', 'sân vận động xã', 'loa phát thanh của xã', 'nhóm Zalo của xã', 'trang Facebook của phường', 'máy in của ủy ban', 'kho lương thực dự trữ'];
export const PRIVATE_USE = ['đi đám cưới', 'chở hàng nhà mình', 'tổ chức tiệc sinh nhật con', 'bán mỹ phẩm', 'quảng cáo bảo hiểm nhân thọ', 'đi du lịch với gia đình', 'mở quán cà phê', 'làm bãi giữ xe thu tiền riêng', 'mời mua hàng đa cấp'];

export const STAT = ['tỷ lệ hộ dùng nước sạch', 'số hộ thoát nghèo', 'tỷ lệ tham gia BHYT', 'tỷ lệ thu gom rác', 'số km đường bê tông', 'số hộ được hỗ trợ', 'tỷ lệ hồ sơ trực tuyến', 'số người tham gia tập huấn'];

export const PROPOSAL = [
  'mở cửa nhận hồ sơ cả sáng thứ bảy',
  'bố trí thêm ghế ngồi chờ và nước uống ở bộ phận một cửa',
  'niêm yết rõ thủ tục và lệ phí ở bảng tin',
  'làm bảng chỉ dẫn đường đến trụ sở mới',
  'thêm chỗ để xe cho người dân',
  'mở lớp hướng dẫn người già cài VNeID',
  'có máy bấm số thứ tự',
  'trả kết quả qua bưu điện cho người ở xa',
  'thay biển hiệu cũ sau sáp nhập để người dân khỏi nhầm',
  'đăng lịch tiếp dân lên trang Zalo của xã',
  'làm lối đi cho xe lăn ở cổng ủy ban',
  'giữ một điểm nhận hồ sơ ở trụ sở cũ',
  'bố trí xe đưa người cao tuổi lên trụ sở mới',
  'lắp thêm đèn đường ở đoạn qua nghĩa trang',
  'làm gờ giảm tốc trước cổng trường',
  'đặt thùng thư góp ý ở sảnh',
  'nhắn tin báo khi hồ sơ có kết quả',
  'tổ chức đối thoại với thanh niên mỗi quý',
  'phân loại rác tại nguồn và phát túi cho các hộ',
  'trồng thêm cây xanh dọc kênh',
  'có wifi miễn phí ở phòng chờ',
  'làm mẫu tờ khai điền sẵn để bà con tham khảo',
  'mở thêm một quầy tiếp nhận vào giờ cao điểm',
  'dùng loa phát thanh thông báo lịch tiêm chủng',
  'cho nộp lệ phí bằng chuyển khoản',
  'in thủ tục bằng chữ to cho người già dễ đọc',
  'làm nhà chờ xe buýt ở ngã ba',
  'nạo vét mương trước mùa mưa',
  'tổ chức ngày thứ bảy tình nguyện dọn rác',
];

export const EMOJI_NEG = ['😡', '😤', '😠', '😞', '😢', '😩', '🙄', '😒', '🤬', '😑', '💔', '🥲'];
export const EMOJI_POS = ['👍', '🙏', '❤️', '😊', '🥰', '👏', '💯', '🌸', '😍'];
export const EMOJI_SARCASM = ['🙂', '😊', '👏', '🙃', '😅', '🤡'];

/** Proposals built from an action, a thing and a reason, so their words are not a fixed list. */
export const GOP_Y_ACT = ['lắp', 'làm', 'bố trí', 'mở thêm', 'đặt', 'xem xét lắp', 'bổ sung', 'sửa lại', 'tổ chức', 'công khai', 'niêm yết', 'cho phép', 'đổi', 'thêm', 'nâng cấp', 'xây'];
export const GOP_Y_THING = [
  'bảng tin điện tử ở cổng ủy ban',
  'hộp thư góp ý ở nhà văn hóa thôn',
  'lịch trực của cán bộ lên bảng tin',
  'đường dây nóng riêng cho người cao tuổi',
  'quầy nhận hồ sơ đất đai riêng',
  'điểm thu gom pin cũ',
  'hàng rào quanh ao làng',
  'vòi nước uống ở phòng chờ',
  'cây xanh quanh sân ủy ban',
  'lớp tập huấn phòng cháy cho các hộ kinh doanh',
  'nhóm Zalo cho từng thôn để báo tin',
  'biển chỉ dẫn các phòng ban bằng chữ to',
  'giờ làm việc vào buổi trưa cho người đi làm',
  'mẫu tờ khai điền sẵn trên page',
  'chỗ gửi xe đạp cho học sinh',
  'lối đi bộ an toàn trước cổng trường',
  'thời gian nhận hồ sơ vào chủ nhật đầu tháng',
  'đèn chiếu sáng ở bãi đất trống cuối xóm',
  'danh bạ điện thoại các cán bộ trên bảng tin',
  'thư viện sách cho thiếu nhi',
];
export const GOP_Y_REASON = [
  'để bà con đỡ vất vả',
  'vì người già ít dùng điện thoại',
  'cho tiện theo dõi',
  'nhiều người chưa biết',
  'giờ cao điểm đông quá',
  'để giảm đi lại',
  'thanh niên đi làm xa cũng theo dõi được',
  'cho an toàn',
  'cho minh bạch',
  'để dân biết mà chuẩn bị',
  'đỡ tốn thời gian của cả dân và cán bộ',
  'học sinh đi qua nhiều',
];
export const GOOD_EFFECT = [
  'bà con rất phấn khởi',
  'người già đỡ vất vả nhiều',
  'cả xóm ai cũng khen',
  'nhìn sạch đẹp hẳn',
  'dân rất tin tưởng',
  'mong xã tiếp tục phát huy',
];
