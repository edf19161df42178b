/**
 * The fields (lĩnh vực) of TAXONOMY.md: the area of public business a message concerns,
 * the classifier's second output. Ids are stable (database, API, evaluation files);
 * display names live in locales/<lang>/labels.json.
 */
export const TOPICS = [
  'dat_dai',
  'xay_dung_do_thi',
  'giao_thong_ha_tang',
  'moi_truong',
  'ho_tich_cu_tru',
  'an_sinh_xa_hoi',
  'y_te_giao_duc_van_hoa',
  'an_ninh_trat_tu',
  'kinh_te_nong_nghiep',
  'bo_may_hanh_chinh',
  'khac',
] as const;

export type TopicId = (typeof TOPICS)[number];

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}
