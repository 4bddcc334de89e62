/// Chinese personal names: the common surnames with rough frequency weights, and characters
/// that are typical in given names of men and women.
enum Names {
    /// The most common surnames, roughly by frequency (weights are per-mille-ish).
    static let surnames: [(String, Int)] = [
        ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 45), ("杨", 32), ("黄", 23), ("赵", 21),
        ("吴", 20), ("周", 20), ("徐", 15), ("孙", 15), ("马", 14), ("朱", 13), ("胡", 12), ("郭", 12),
        ("何", 11), ("高", 11), ("林", 11), ("罗", 10), ("郑", 10), ("梁", 9), ("谢", 8), ("宋", 8),
        ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 6), ("彭", 6), ("曾", 6),
        ("肖", 6), ("田", 5), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
        ("余", 5), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4),
        ("任", 4), ("沈", 4), ("姚", 3), ("卢", 3), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 3),
        ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3),
        ("韦", 3), ("付", 3), ("方", 3), ("白", 3), ("邹", 3), ("孟", 3), ("熊", 3), ("秦", 3),
        ("邱", 3), ("江", 3), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2), ("侯", 2),
        ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
        ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2), ("覃", 2), ("武", 2), ("戴", 2),
        ("莫", 2), ("孔", 2), ("向", 2), ("汤", 2), ("欧阳", 1), ("上官", 1),
    ]

    static let maleChars: [String] = Array("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国文亮成志海峰东兵锋晨博文兴良德福贵荣昌华忠义学军振祥发贤才益龙彬毅恒远航").map(String.init)
    static let femaleChars: [String] = Array("芳娜敏静丽艳娟霞秀英华玲桂兰萍红燕梅琳雪慧婷倩颖洁琴云莉晶蓉佳欣怡悦瑶涵雯璐月凤翠菊珍淑素丹妍瑾霖馨").map(String.init)

    static func surname(_ rng: inout DemoRNG) -> String { rng.weighted(surnames) }

    static func given(male: Bool, _ rng: inout DemoRNG) -> String {
        let chars = male ? maleChars : femaleChars
        if rng.chance(0.3) { return rng.pick(chars) }
        var a = rng.pick(chars), b = rng.pick(chars)
        while b == a { b = rng.pick(chars) }
        if rng.chance(0.15) { a = rng.pick(["子", "嘉", "思", "雨", "一", "梓", "永", "春", "秋", "晓"]) }
        return a + b
    }

    static func full(surname: String, male: Bool, _ rng: inout DemoRNG) -> String {
        surname + given(male: male, &rng)
    }

    static func random(male: Bool, _ rng: inout DemoRNG) -> String {
        full(surname: surname(&rng), male: male, &rng)
    }
}

/// Place and organisation names of the imaginary counties.
enum PlaceNames {
    /// (county name, short name, region code, plate letter). The first is the `small`/`county` one.
    static let counties: [(name: String, short: String, region: String, plate: String)] = [
        ("清源县", "清源", "360499", "X"), ("青峰县", "青峰", "360498", "W"), ("安澜县", "安澜", "360497", "V"),
        ("平川县", "平川", "360496", "U"), ("永和县", "永和", "360495", "T"), ("石门县", "石门", "360494", "S"),
        ("云溪县", "云溪", "360493", "R"), ("兴隆县", "兴隆", "360492", "Q"), ("长宁县", "长宁", "360491", "P"),
        ("临江县", "临江", "360490", "N"), ("丰乐县", "丰乐", "360489", "M"), ("桃源县", "桃源", "360488", "L"),
        ("望岳县", "望岳", "360487", "K"), ("白沙县", "白沙", "360486", "J"), ("金溪县", "金溪", "360485", "H"),
        ("双河县", "双河", "360484", "F"),
    ]

    static let townshipRoots: [String] = [
        "青石", "柳溪", "白水", "龙泉", "桃江", "梅岭", "黄土", "枫林", "石桥", "杨柳", "高坪", "太平",
        "新塘", "双溪", "马鞍", "凤凰", "金竹", "麻田", "大坪", "古城", "沙洲", "荷塘", "横江", "竹山",
        "官庄", "南岭", "茶园", "望江", "洪门", "湖田", "上坊", "乌石", "樟树", "安和", "长乐", "河口",
    ]

    static let villageRoots: [String] = [
        "东山", "西岭", "南塘", "北坪", "上湾", "下屋", "中和", "新村", "老街", "杨家", "李家", "张坊",
        "刘家", "陈家", "高岭", "竹林", "松树", "桂花", "荷花", "田心", "塘边", "岭背", "坑口", "水口",
        "桥头", "庙前", "洲上", "湖坪", "枫树", "石陂", "梨园", "茶山", "河背", "大垅", "小溪", "坪上",
        "罗家", "黄泥", "社背", "下坊", "月光", "沙坪", "长岗", "岗背", "樟坑", "院前", "潭头", "垅口",
        "官田", "店前", "何坊", "仁和", "兴旺", "团结", "红星", "光明", "富民", "和平", "胜利", "前进",
    ]

    static let communityRoots: [String] = [
        "城东", "城西", "城南", "城北", "解放路", "人民路", "建设路", "文化路", "滨江", "府前",
        "幸福", "和谐", "迎宾", "朝阳", "锦绣", "育才",
    ]

    /// Characters for company trade names (字号).
    static let tradeChars: [String] = Array("鑫达宏远恒泰金诚华盛瑞丰永兴鼎安正和嘉禾润泽天成中弘博汇通世鸿运佳美利民同创新源德凯昌旺信隆顺发益明光辉宇建业晟祥福荣茂富锦绿康乐").map(String.init)

    static let worksIndustries = ["建筑工程", "市政工程", "路桥工程", "水利水电工程", "建设工程", "园林绿化工程", "电力工程"]
    static let goodsIndustries = ["办公设备", "医疗器械", "信息技术", "教学设备", "商贸", "印务", "物业管理", "餐饮管理", "汽车服务", "环保科技", "劳务服务", "农业开发", "建材"]
}
