/**
 * Region codes of GB/T 2260 (中华人民共和国行政区划代码).
 *
 * Source: the Ministry of Civil Affairs' published code table (GB/T 2260, 2018–2023 revisions)
 * for the province level, and for the Guangxi county-level codes the district's own records
 * name (DESIGN §1), including the retired 450221 柳江县 (became 柳江区 450206 in 2016) that
 * older ID numbers still carry. The full national county-level table arrives with the
 * public-security subgraph, which owns hukou regions.
 */
export const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区',
  '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省',
  '41': '河南省', '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省',
  '50': '重庆市', '51': '四川省', '52': '贵州省', '53': '云南省', '54': '西藏自治区',
  '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
  '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};

export interface Region {
  code: string;
  name: string;
  /** the full name with prefecture, as letters and reports write it */
  fullName: string;
  retired?: { since: number; successor: string };
}

export const REGIONS: readonly Region[] = [
  { code: '450200', name: '柳州市', fullName: '广西壮族自治区柳州市' },
  { code: '450202', name: '城中区', fullName: '柳州市城中区' },
  { code: '450203', name: '鱼峰区', fullName: '柳州市鱼峰区' },
  { code: '450204', name: '柳南区', fullName: '柳州市柳南区' },
  { code: '450205', name: '柳北区', fullName: '柳州市柳北区' },
  { code: '450206', name: '柳江区', fullName: '柳州市柳江区' },
  { code: '450221', name: '柳江县', fullName: '柳州市柳江县', retired: { since: 2016, successor: '450206' } },
  { code: '450222', name: '柳城县', fullName: '柳州市柳城县' },
  { code: '450223', name: '鹿寨县', fullName: '柳州市鹿寨县' },
  { code: '450224', name: '融安县', fullName: '柳州市融安县' },
  { code: '450881', name: '桂平市', fullName: '贵港市桂平市' },
  { code: '451202', name: '金城江区', fullName: '河池市金城江区' },
  { code: '451302', name: '兴宾区', fullName: '来宾市兴宾区' },
  { code: '451321', name: '忻城县', fullName: '来宾市忻城县' },
];

const byCode = new Map(REGIONS.map((r) => [r.code, r]));

export function isKnownProvince(regionCode: string): boolean {
  return /^\d{6}$/.test(regionCode) && regionCode.slice(0, 2) in PROVINCES;
}

export function findRegion(code: string): Region | undefined {
  return byCode.get(code);
}

/** The region's name, the province's name where the county is not in the table, or null. */
export function regionName(code: string): string | null {
  return byCode.get(code)?.name ?? PROVINCES[code.slice(0, 2)] ?? null;
}

/** The district this deployment serves (柳南区 in the demo). */
export const DEMO_DISTRICT_CODE = '450204';
