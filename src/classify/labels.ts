/**
 * The ten feedback labels of TAXONOMY.md. Ids are stable (database, API, evaluation
 * files); display names and descriptions live in locales/<lang>/labels.json so a province
 * can use its own wording of the "5 không".
 */
export const LABELS = [
  'cua_quyen',
  'quan_lieu',
  'tham_nhung',
  'gian_doi',
  'loi_dung',
  'ung_xu',
  'tre_han',
  'khen',
  'gop_y',
  'khac',
] as const;

export type LabelId = (typeof LABELS)[number];

export function isLabelId(value: unknown): value is LabelId {
  return typeof value === 'string' && (LABELS as readonly string[]).includes(value);
}

/** Labels whose complaint about a leader always goes to the province (TAXONOMY.md). */
export const INTEGRITY_LABELS: ReadonlySet<LabelId> = new Set(['tham_nhung', 'gian_doi', 'loi_dung']);

/** Labels that are complaints about conduct or service (not praise, proposals or other). */
export const COMPLAINT_LABELS: ReadonlySet<LabelId> = new Set([
  'cua_quyen',
  'quan_lieu',
  'tham_nhung',
  'gian_doi',
  'loi_dung',
  'ung_xu',
  'tre_han',
]);

/**
 * Labels that accuse an official of misconduct: the "5 không" and a lapse of "4 xin, 4
 * luôn". Giving one to a message that accuses nobody is the worst error the classifier
 * can make, so they need more evidence than the others.
 */
export const CONDUCT_LABELS: ReadonlySet<LabelId> = new Set(['cua_quyen', 'quan_lieu', 'tham_nhung', 'gian_doi', 'loi_dung', 'ung_xu']);

/**
 * When one message carries two complaints the heavier wrong is primary (TAXONOMY.md: a
 * bribe beats a late result). Lower index = heavier.
 */
export const SEVERITY: readonly LabelId[] = [
  'tham_nhung',
  'loi_dung',
  'gian_doi',
  'cua_quyen',
  'quan_lieu',
  'ung_xu',
  'tre_han',
];
