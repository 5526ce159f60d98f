/**
 * Places printed on synthetic cards: for each province of `PROVINCES`, a prefecture city and a few of its
 * districts with their GB/T 2260 codes, so that an ID number's region code and the address agree the way they do
 * on a real card. Taiwan, Hong Kong and Macau are left out: their residents hold other documents.
 */

export interface District {
  /** The 6-digit region code that starts an ID number issued here. */
  code: string;
  name: string;
}

export interface CityPlaces {
  /** Empty for the four municipalities, whose addresses go straight from `北京市` to the district. */
  city: string;
  districts: readonly District[];
}

const d = (code: string, name: string): District => ({ code, name });

/** Keyed by the 2-digit province code of `PROVINCES`. */
export const CITIES: Readonly<Record<string, readonly CityPlaces[]>> = {
  '11': [{ city: '', districts: [d('110101', '东城区'), d('110102', '西城区'), d('110105', '朝阳区'), d('110108', '海淀区')] }],
  '12': [{ city: '', districts: [d('120101', '和平区'), d('120103', '河西区'), d('120104', '南开区')] }],
  '13': [
    { city: '石家庄市', districts: [d('130102', '长安区'), d('130104', '桥西区')] },
    { city: '保定市', districts: [d('130602', '竞秀区')] },
  ],
  '14': [{ city: '太原市', districts: [d('140105', '小店区'), d('140106', '迎泽区')] }],
  '15': [{ city: '呼和浩特市', districts: [d('150102', '新城区'), d('150103', '回民区')] }],
  '21': [
    { city: '沈阳市', districts: [d('210102', '和平区'), d('210103', '沈河区')] },
    { city: '大连市', districts: [d('210202', '中山区')] },
  ],
  '22': [{ city: '长春市', districts: [d('220102', '南关区'), d('220104', '朝阳区')] }],
  '23': [{ city: '哈尔滨市', districts: [d('230102', '道里区'), d('230103', '南岗区')] }],
  '31': [{ city: '', districts: [d('310101', '黄浦区'), d('310104', '徐汇区'), d('310115', '浦东新区')] }],
  '32': [
    { city: '南京市', districts: [d('320102', '玄武区'), d('320104', '秦淮区')] },
    { city: '苏州市', districts: [d('320508', '姑苏区')] },
  ],
  '33': [
    { city: '杭州市', districts: [d('330102', '上城区'), d('330106', '西湖区')] },
    { city: '宁波市', districts: [d('330203', '海曙区')] },
  ],
  '34': [{ city: '合肥市', districts: [d('340102', '瑶海区'), d('340104', '蜀山区')] }],
  '35': [
    { city: '福州市', districts: [d('350102', '鼓楼区'), d('350103', '台江区')] },
    { city: '厦门市', districts: [d('350203', '思明区')] },
  ],
  '36': [{ city: '南昌市', districts: [d('360102', '东湖区'), d('360103', '西湖区')] }],
  '37': [
    { city: '济南市', districts: [d('370102', '历下区'), d('370103', '市中区')] },
    { city: '青岛市', districts: [d('370202', '市南区')] },
  ],
  '41': [{ city: '郑州市', districts: [d('410102', '中原区'), d('410105', '金水区')] }],
  '42': [{ city: '武汉市', districts: [d('420102', '江岸区'), d('420106', '武昌区')] }],
  '43': [{ city: '长沙市', districts: [d('430102', '芙蓉区'), d('430104', '岳麓区')] }],
  '44': [
    { city: '广州市', districts: [d('440103', '荔湾区'), d('440106', '天河区')] },
    { city: '深圳市', districts: [d('440304', '福田区'), d('440305', '南山区')] },
  ],
  '45': [{ city: '南宁市', districts: [d('450102', '兴宁区'), d('450103', '青秀区')] }],
  '46': [{ city: '海口市', districts: [d('460105', '秀英区'), d('460106', '龙华区')] }],
  '50': [{ city: '', districts: [d('500103', '渝中区'), d('500106', '沙坪坝区')] }],
  '51': [{ city: '成都市', districts: [d('510104', '锦江区'), d('510107', '武侯区')] }],
  '52': [{ city: '贵阳市', districts: [d('520102', '南明区'), d('520103', '云岩区')] }],
  '53': [{ city: '昆明市', districts: [d('530102', '五华区'), d('530103', '盘龙区')] }],
  '54': [{ city: '拉萨市', districts: [d('540102', '城关区')] }],
  '61': [{ city: '西安市', districts: [d('610103', '碑林区'), d('610104', '莲湖区')] }],
  '62': [{ city: '兰州市', districts: [d('620102', '城关区'), d('620103', '七里河区')] }],
  '63': [{ city: '西宁市', districts: [d('630102', '城东区'), d('630103', '城中区')] }],
  '64': [{ city: '银川市', districts: [d('640104', '兴庆区')] }],
  '65': [{ city: '乌鲁木齐市', districts: [d('650102', '天山区'), d('650103', '沙依巴克区')] }],
};
