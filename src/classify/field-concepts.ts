/**
 * Word groups that say which field (lĩnh vực, TAXONOMY.md) a message is about. Each group
 * becomes a concept feature (concepts.ts), so the field output can recognise a service by
 * words the training sentences never used together. Written from TAXONOMY.md's field
 * table and the vocabulary of commune services; the same marking rule as concepts.ts: a
 * word written with diacritics matches only that spelling in a message typed with marks.
 */
export const FIELD_CONCEPTS: readonly (readonly [string, readonly string[]])[] = [
  [
    'field_dat_dai',
    [
      'sổ đỏ', 'so hong', 'giay chung nhan quyen su dung dat', 'quyen su dung dat', 'đất', 'đất đai', 'thửa', 'tách thửa', 'hop thua', 'dia chinh', 'do dac',
      'trich do', 'chuyen nhuong', 'sang ten', 'chuyen muc dich', 'den bu', 'boi thuong', 'giai phong mat bang', 'thu hoi dat', 'tai dinh cu', 'tranh chap dat',
      'ranh gioi', 'mốc giới', 'dat nong nghiep', 'dat o', 'nha o', 'van phong dang ky dat dai', 'quy hoach',
    ],
  ],
  [
    'field_xay_dung',
    [
      'giấy phép xây dựng', 'giay phep xay dung', 'xây trái phép', 'xay dung trai phep', 'xây dựng', 'xây không phép', 'xay sai phep', 'công trình xây', 'lấn chiếm',
      'lan chiem', 'vỉa hè', 'via he', 'hành lang', 'long duong', 'trat tu do thi', 'sửa nhà', 'sua chua nha', 'coi noi', 'xay lan', 'cong trinh tam', 'bien quang cao',
    ],
  ],
  [
    'field_giao_thong',
    [
      'đường', 'con đường', 'ổ gà', 'o voi', 'mặt đường', 'sụt lún', 'cầu', 'cau treo', 'đèn đường', 'den chieu sang', 'cống', 'hố ga', 'mương', 'thoat nuoc',
      'ngập', 'ngap nuoc', 'ngập úng', 'bê tông', 'be tong hoa', 'trải nhựa', 'duong lien thon', 'ngõ', 'hẻm', 'kiệt', 'duong noi dong', 'bien bao', 'gờ giảm tốc',
      'hạ tầng', 'cay xanh', 'cột điện', 'day dien',
    ],
  ],
  [
    'field_moi_truong',
    [
      'rác', 'bãi rác', 'rác thải', 'thu gom rác', 'xe rác', 'ô nhiễm', 'mùi hôi', 'boc mui', 'hôi thối', 'nước thải', 'khói', 'đốt rơm', 'bụi', 'tiếng ồn', 'xả thải',
      'moi truong', 've sinh', 'nuoc sach', 'nước máy', 'nuoc sinh hoat', 'chất thải', 'xac dong vat', 'trai chan nuoi', 'lo gach', 'xuong',
    ],
  ],
  [
    'field_ho_tich',
    [
      'khai sinh', 'giay khai sinh', 'kết hôn', 'ket hon', 'khai tử', 'hộ tịch', 'trich luc', 'tình trạng hôn nhân', 'cai chinh', 'nhận cha con', 'tạm trú', 'thuong tru',
      'cư trú', 'hộ khẩu', 'căn cước', 'cccd', 'cmnd', 'vneid', 'dinh danh', 'chứng thực', 'công chứng', 'sao y', 'chứng thực chữ ký', 'tu phap', 'giam ho',
    ],
  ],
  [
    'field_an_sinh',
    [
      'hộ nghèo', 'ho can ngheo', 'trợ cấp', 'tro cap', 'bảo trợ xã hội', 'người có công', 'thuong binh', 'liet si', 'chính sách', 'người khuyết tật', 'nguoi cao tuoi',
      'lương hưu', 'bảo hiểm y tế', 'bhyt', 'bảo hiểm xã hội', 'bhxh', 'hỗ trợ', 'cứu trợ', 'bão lũ', 'thiên tai', 'nhà tình nghĩa', 'nha tam', 'gạo cứu đói', 'an sinh',
    ],
  ],
  [
    'field_y_te_giao_duc',
    [
      'trạm y tế', 'tram y te', 'bệnh viện', 'bác sĩ', 'y tá', 'tiêm chủng', 'tiem phong', 'khám bệnh', 'thuốc', 'trường', 'truong hoc', 'học sinh', 'giáo viên', 'cô giáo',
      'học phí', 'mam non', 'tieu hoc', 'nhà văn hóa', 'lễ hội', 'văn nghệ', 'the thao', 'thư viện', 'chùa', 'nhà thờ', 'ton giao', 'di tich',
    ],
  ],
  [
    'field_an_ninh',
    [
      'công an', 'cong an xa', 'trộm', 'mất trộm', 'đánh nhau', 'hanh hung', 'gây rối', 'karaoke', 'hát karaoke', 'nhậu', 'on ao', 'trật tự', 'an ninh', 'ma tuy',
      'co bac', 'đua xe', 'tai nan', 'chó thả rông', 'tranh chap hang xom', 'hàng xóm', 'phao', 'lua dao', 'trom cap', 'dan quan',
    ],
  ],
  [
    'field_kinh_te',
    [
      'hộ kinh doanh', 'kinh doanh', 'giấy phép kinh doanh', 'buôn bán', 'tiểu thương', 'chợ', 'ban hang', 'lúa', 'gạo', 'trồng trọt', 'chăn nuôi', 'lợn', 'heo', 'gà',
      'bò', 'phân bón', 'giống', 'thủy lợi', 'tuoi tieu', 'kênh mương', 'nong nghiep', 'nong dan', 'thuy san', 'hợp tác xã', 'gia ca', 'von vay',
    ],
  ],
  [
    'field_bo_may',
    [
      'một cửa', 'bo phan mot cua', 'tiep nhan ho so', 'giờ làm việc', 'gio hanh chinh', 'xếp hàng', 'số thứ tự', 'dịch vụ công', 'dich vu cong truc tuyen', 'nộp online',
      'nop truc tuyen', 'trụ sở', 'tru so moi', 'sáp nhập', 'sap nhap', 'tiếp dân', 'tiep cong dan', 'thu tuc hanh chinh', 'bien hieu', 'hotline', 'trang zalo', 'fanpage',
    ],
  ],
];
