#!/usr/bin/python3
# OCR corpus D: claim papers written apart from corpora A (SVG/librsvg), B (HTML/Chromium) and C (Skia
# canvas) — drawn with Pillow's FreeType rasteriser and photographed by an OpenCV camera model, in Python,
# with its own lists, layouts, 大写 writer and capture. Choices the other three did not make: provinces they
# never drew (内蒙古, 吉林, 甘肃, 陕西, 云南, 安徽, 天津, 重庆, 海南, 宁夏); faces Noto Sans Mono CJK SC
# (regular and bold), WenQuanYi Zen Hei Sharp and Micro Hei Mono; a 24-pin printer simulated dot by dot from
# a 24-px bitmap of the glyph; e-invoice printouts whose header is a ruled grid with the values in the cell
# right of each label; dates printed 2023年1月3日 (no leading zeros) beside 收款人 and 2021.04.24 15:26 after
# 收费日期/开票日期; 合计(大写) and the （小写）/¥ figure on one printed line; 交款人统一社会信用代码 above a blank,
# masked (white or grey box) or printed 交款人; the red 收费专用章 over the hospital's name and, on some papers,
# over the total; 诊断证明书 whose first diagnosis wraps onto a second line or whose diagnoses are listed one
# a line; 出院记录 with times 2021.04.24 15:26. Captured as a phone photo (perspective tilt, rotation, defocus,
# motion blur, uneven light, noise), a document camera or a flatbed scan; JPEG 72–90.
#
#   /usr/bin/python3 scripts/ocr-corpus-d/make.py OUT_DIR [--seed N] [--per-kind K] [--only 3,7,12]
#
# Writes OUT_DIR/<nnn>-<kind>.jpg + .json ({kind, layout, face, truth, capture}), the format
# scripts/ocr-corpus/score.ts scores. A truth of null is a label printed with its cell blank or masked:
# a value read there is invented. Set D is for measuring: scored, never tuned on (docs/ocr-accuracy.md).
import json
import math
import os
import random
import sys

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

PX_MM = 9.0  # page pixels per millimetre (≈ 230 dpi)

FACES = {
    'Noto Sans Mono CJK SC': ('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 7),
    'Noto Sans Mono CJK SC Bold': ('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', 7),
    'WenQuanYi Zen Hei Sharp': ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 2),
    'WenQuanYi Micro Hei Mono': ('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 1),
}
_font_cache = {}


def font(face, px):
    key = (face, int(px))
    if key not in _font_cache:
        path, index = FACES[face]
        _font_cache[key] = ImageFont.truetype(path, max(6, int(px)), index=index)
    return _font_cache[key]


SURNAMES = '钱孙周吴郑冯陈卫蒋沈韩杨朱秦许何吕施孔曹严华金魏陶姜谢邹喻柏水窦章云苏潘葛范彭鲁韦马苗凤花方俞任袁柳鲍史唐费薛雷贺倪汤殷罗毕郝邬安常乐于时傅齐康伍余顾孟黄穆萧尹姚邵汪祁毛狄米贝明臧计成戴宋庞熊纪舒屈项祝董梁杜阮蓝闵席季贾路江童颜郭梅盛林钟徐邱骆高夏蔡田胡凌霍虞万柯管卢莫房解应宗丁宣邓洪包左石崔龚程邢裴陆荣翁荀甄曲封储靳段富巫焦牧山谷车侯全班仰秋仲伊宫宁仇栾甘厉戎祖武符刘景詹龙叶司黎薄白怀蒲从鄂咸籍卓蔺屠蒙池乔阴胥能苍双闻党翟谭贡劳姬申扶冉宰雍桑寿通边燕尚农温庄晏柴瞿阎慕连习艾鱼容向古易慎廖庾终居衡步都耿满弘匡国文寇广禄东欧殳沃利蔚越夔隆师巩聂晁勾敖融冷辛阚那简饶空曾沙养鞠须丰巢关相查後荆红游竺权盖益桓'
GIVEN = '子涵欣怡梓萱诗琪雨桐若汐可馨语嫣思远浩宇俊熙明轩博文天佑志强建华秀英桂兰玉珍凤霞淑芬丽娟海燕红梅永刚国庆卫东晓峰德胜金生春花秋菊冬梅瑞雪嘉怡一诺沐阳安琪家豪子墨润泽景行承志慧敏婉清'

PROVINCES = [
    ('内蒙古自治区', '15', ['呼和浩特市', '包头市', '赤峰市']),
    ('吉林省', '22', ['长春市', '吉林市', '延边']),
    ('甘肃省', '62', ['兰州市', '天水市', '酒泉市']),
    ('陕西省', '61', ['西安市', '宝鸡市', '咸阳市']),
    ('云南省', '53', ['昆明市', '曲靖市', '大理']),
    ('安徽省', '34', ['合肥市', '芜湖市', '蚌埠市']),
    ('天津市', '12', ['天津市']),
    ('重庆市', '50', ['重庆市']),
    ('海南省', '46', ['海口市', '三亚市']),
    ('宁夏回族自治区', '64', ['银川市', '石嘴山市']),
]


def hospital_name(r, prov, city):
    short = prov[:2] if not prov.startswith('内蒙古') else '内蒙古'
    forms = [
        lambda: f'{city}中心医院',
        lambda: f'{short}医科大学第{r.choice("一二")}附属医院',
        lambda: f'{city}妇幼保健院',
        lambda: f'{short}省人民医院' if prov.endswith('省') else f'{short}市人民医院',
        lambda: f'{city}中医医院',
        lambda: f'{city}第{r.choice("一二三四")}人民医院',
        lambda: f'{short}肿瘤医院',
        lambda: f'{city}儿童医院',
    ]
    return r.choice(forms)()


FEES = ['诊察费', '床位费', '检查费', '化验费', '治疗费', '手术费', '护理费', '卫生材料费', '西药费', '中成药费', '中草药费',
        '一般诊疗费', '放射费', '输血费', '氧气费', '麻醉费', '其他费']
DIAGNOSES = ['慢性萎缩性胃炎', '高血压病3级', '2型糖尿病性周围神经病变', '支气管哮喘', '腰椎间盘突出症', '急性胰腺炎',
             '甲状腺乳头状癌', '肺部感染', '左侧股骨粗隆间骨折', '冠状动脉粥样硬化性心脏病不稳定型心绞痛',
             '慢性心力衰竭', '右侧输尿管结石伴肾积水', '胃恶性肿瘤', '心房颤动', '帕金森病']
INSURANCE = ['城镇职工基本医疗保险', '城乡居民基本医疗保险', '职工医保', '居民医保', '新农合']
DIGITS = '零壹贰叁肆伍陆柒捌玖'


def words_of(fen, yuan_char='元'):
    """人民币大写 of an amount in fen, written here (not shared with the other corpora's writers)."""
    y, jiao, f = fen // 100, (fen // 10) % 10, fen % 10
    out = ''
    if y > 0:
        units = ['', '拾', '佰', '仟']
        groups = []
        n = y
        while n > 0:
            groups.append(n % 10000)
            n //= 10000
        parts = []
        zero_pending = False
        for gi in range(len(groups) - 1, -1, -1):
            g = groups[gi]
            if g == 0:
                zero_pending = True
                continue
            s = ''
            ds = [(g // 10 ** k) % 10 for k in range(3, -1, -1)]
            started = False
            z = zero_pending and bool(parts)
            for k, d in enumerate(ds):
                if d == 0:
                    if started or parts:
                        z = True
                    continue
                if z and (started or parts):
                    s += '零'
                z = False
                s += DIGITS[d] + units[3 - k]
                started = True
            if g < 1000 and parts and not s.startswith('零'):
                s = '零' + s
            parts.append(s + ('万' if gi == 1 else '亿' if gi == 2 else ''))
            zero_pending = (g % 10 == 0)
        out = ''.join(parts) + yuan_char
    if jiao == 0 and f == 0:
        return (out or '零' + yuan_char) + '整'
    if jiao:
        out += DIGITS[jiao] + '角'
    elif y > 0:
        out += '零'
    if f:
        out += DIGITS[f] + '分'
    return out


def money(fen, commas=False):
    y, c = divmod(fen, 100)
    return (f'{y:,}' if commas else str(y)) + f'.{c:02d}'


def yuan(fen):
    return round(fen / 100, 2)


def rand_date(r):
    import datetime
    return datetime.date(2019, 1, 1) + datetime.timedelta(days=r.randint(0, 6 * 365))


def iso(d):
    return d.isoformat()


def person(r):
    return r.choice(SURNAMES) + ''.join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2])))


class Sheet:
    def __init__(self, w_mm, h_mm, paper=(255, 255, 255)):
        self.w, self.h = int(w_mm * PX_MM), int(h_mm * PX_MM)
        self.img = Image.new('RGB', (self.w, self.h), paper)
        self.d = ImageDraw.Draw(self.img)
        self.seals = []

    def px(self, mm):
        return int(round(mm * PX_MM))

    def text(self, s, x, y, size_mm, face, fill=(20, 20, 20), anchor='ls'):
        """Text with its baseline at y (mm); returns its width in mm."""
        f = font(face, size_mm * PX_MM)
        self.d.text((self.px(x), self.px(y)), s, font=f, fill=fill, anchor=anchor)
        return self.d.textlength(s, font=f) / PX_MM

    def width(self, s, size_mm, face):
        return self.d.textlength(s, font=font(face, size_mm * PX_MM)) / PX_MM

    def pin(self, s, x, y, size_mm, r, ink=(40, 40, 55)):
        """A 24-pin printer: the glyphs as a 24-dot-high bitmap, each dot struck as a round pin mark."""
        f = font('WenQuanYi Zen Hei Sharp', 24)
        w = int(self_len(f, s)) + 4
        bm = Image.new('1', (max(w, 1), 30), 0)
        dd = ImageDraw.Draw(bm)
        dd.fontmode = '1'
        dd.text((1, 24), s, font=f, fill=1, anchor='ls')
        mask = np.array(bm, dtype=np.uint8)
        pitch = size_mm * PX_MM / 24.0
        hh, ww = mask.shape
        H, W = int(hh * pitch) + 4, int(ww * pitch) + 4
        dots = np.zeros((H, W), np.float32)
        rad = max(1.0, 0.62 * pitch)
        ys, xs = np.nonzero(mask)
        fade = 0.75 + 0.25 * r.random()
        for yy, xx in zip(ys, xs):
            cx, cy = int(xx * pitch + 2), int(yy * pitch + 2)
            cv2.circle(dots, (cx, cy), int(round(rad)), fade * (0.8 + 0.2 * r.random()), -1, cv2.LINE_AA)
        dots = np.clip(dots, 0, 1)
        x0, y0 = self.px(x), self.px(y) - int(24 * pitch)
        self.blend(dots, x0, y0, ink)
        return W / PX_MM

    def blend(self, alpha, x0, y0, ink, multiply=False):
        """Lay `alpha` (0..1) in `ink` over the page at x0, y0: over it, or multiplied into it (a stamp's ink)."""
        H, W = alpha.shape
        xa, ya = max(0, x0), max(0, y0)
        xb, yb = min(self.w, x0 + W), min(self.h, y0 + H)
        if xb <= xa or yb <= ya:
            return
        region = np.asarray(self.img.crop((xa, ya, xb, yb)), dtype=np.float32)
        al = alpha[ya - y0:yb - y0, xa - x0:xb - x0][..., None]
        inkv = np.array(ink, np.float32)[None, None, :]
        if multiply:
            region = region * (1 - al + al * inkv / 255.0)
        else:
            region = region * (1 - al) + inkv * al
        self.img.paste(Image.fromarray(np.clip(region, 0, 255).astype(np.uint8)), (xa, ya))

    def line(self, x1, y1, x2, y2, fill, w_mm=0.25):
        self.d.line([(self.px(x1), self.px(y1)), (self.px(x2), self.px(y2))], fill=fill, width=max(1, self.px(w_mm)))

    def rect(self, x, y, w, h, outline, w_mm=0.3, fill=None):
        self.d.rectangle([self.px(x), self.px(y), self.px(x + w), self.px(y + h)], outline=outline,
                         width=max(1, self.px(w_mm)), fill=fill)

    def mask(self, x, y, w, h, r):
        """The data set's masking: a white box, or a light grey one with a thin edge."""
        if r.random() < 0.6:
            self.d.rectangle([self.px(x), self.px(y), self.px(x + w), self.px(y + h)], fill=(255, 255, 255))
        else:
            self.d.rectangle([self.px(x), self.px(y), self.px(x + w), self.px(y + h)], fill=(226, 226, 226),
                             outline=(190, 190, 190), width=2)

    def seal(self, cx, cy, r_mm, top, bottom, r, colour=(214, 40, 46), oval=False):
        """A round (or oval) stamp: ring, star, the unit's name on the arc, the seal's use across the foot;
        multiplied over what is printed, unevenly inked."""
        R = self.px(r_mm)
        rx, ry = (int(R * 1.3), R) if oval else (R, R)
        size = 2 * max(rx, ry) + 20
        layer = Image.new('L', (size, size), 0)
        d = ImageDraw.Draw(layer)
        c = size // 2
        d.ellipse([c - rx, c - ry, c + rx, c + ry], outline=255, width=max(3, R // 14))
        pts = []
        for k in range(10):
            ang = -math.pi / 2 + k * math.pi / 5
            rr = R * (0.22 if k % 2 == 0 else 0.09)
            pts.append((c + rr * math.cos(ang), c + rr * math.sin(ang)))
        d.polygon(pts, fill=255)
        f = font('Noto Sans Mono CJK SC Bold', R * 0.26)
        n = len(top)
        span = min(math.radians(250), math.radians(25) * n)
        for i, ch in enumerate(top):
            ang = -math.pi / 2 - span / 2 + span * (i + 0.5) / n
            gx, gy = c + rx * 0.74 * math.cos(ang), c + ry * 0.74 * math.sin(ang)
            g = Image.new('L', (int(R * 0.4), int(R * 0.4)), 0)
            ImageDraw.Draw(g).text((g.width / 2, g.height / 2), ch, font=f, fill=255, anchor='mm')
            g = g.rotate(-math.degrees(ang) - 90, resample=Image.BILINEAR)
            layer.paste(255, (int(gx - g.width / 2), int(gy - g.height / 2)), g)
        fb = font('Noto Sans Mono CJK SC Bold', R * 0.2)
        d.text((c, c + R * 0.5), bottom, font=fb, fill=255, anchor='mm')
        a = np.asarray(layer, np.float32) / 255.0
        # Uneven ink: a smooth random field, some pale patches.
        noise = cv2.resize(np.random.RandomState(r.randint(0, 10 ** 6)).rand(6, 6).astype(np.float32), (size, size))
        a *= 0.55 + 0.45 * noise
        a = cv2.GaussianBlur(a, (0, 0), 0.8)
        rot = r.uniform(-25, 25)
        M = cv2.getRotationMatrix2D((c, c), rot, 1.0)
        a = cv2.warpAffine(a, M, (size, size))
        self.blend(a * 0.85, self.px(cx) - c, self.px(cy) - c, colour, multiply=True)

    def guilloche(self, r, tint):
        a = np.asarray(self.img, np.float32)
        yy, xx = np.mgrid[0:self.h, 0:self.w].astype(np.float32)
        f1, f2 = r.uniform(0.01, 0.03), r.uniform(0.01, 0.03)
        wave = (np.sin(xx * f1 + 6 * np.sin(yy * f2)) > 0.96).astype(np.float32) * 0.35
        a = a * (1 - wave[..., None]) + np.array(tint, np.float32)[None, None, :] * wave[..., None]
        self.img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        self.d = ImageDraw.Draw(self.img)

    def qr(self, x, y, s_mm, r):
        n = 29
        cell = s_mm / n
        for i in range(n):
            for j in range(n):
                finder = (i < 7 or i >= n - 7) and j < 7 or (i < 7 and j >= n - 7)
                on = (finder and (i % 6 == 0 or j % 6 == 0 or (2 <= i % (n - 7 if i >= 7 else 7) <= 4 and 2 <= j % (n - 7 if j >= 7 else 7) <= 4))) or (not finder and r.random() < 0.47)
                if on:
                    self.d.rectangle([self.px(x + j * cell), self.px(y + i * cell), self.px(x + (j + 1) * cell) - 1,
                                      self.px(y + (i + 1) * cell) - 1], fill=(10, 10, 10))


def self_len(f, s):
    return f.getlength(s)


def amounts(r, inpatient):
    n = r.randint(4, 10) if inpatient else r.randint(1, 4)
    items = [(fee, r.randint(3000, 3000000) if inpatient else r.randint(300, 60000)) for fee in r.sample(FEES, n)]
    total = sum(v for _, v in items)
    fund = 0 if r.random() < 0.25 else int(total * r.uniform(0.35, 0.8))
    account = 0 if r.random() < 0.5 else min(total - fund, r.randint(100, 200000))
    cash = total - fund - account
    self_pay = 0 if r.random() < 0.5 else min(cash, r.randint(100, 300000))
    co_pay = cash - self_pay if r.random() < 0.6 else 0
    return dict(total=total, items=items, fund=fund, account=account, cash=cash, coPay=co_pay, selfPay=self_pay)


def date_cn(d):
    return f'{d.year}年{d.month}月{d.day}日'


def date_dot_clock(d, r):
    return f'{d.year}.{d.month:02d}.{d.day:02d} {r.randint(7, 21):02d}:{r.randint(0, 59):02d}'


def e_invoice_grid(r, inpatient):
    """The national 医疗收费票据（电子） printout as some provinces print it: a ruled header grid with each value in
    the cell right of its label, the totals on one line, 其他信息 as label/value cells, 收款单位 under the e-seal."""
    prov, code2, cities = r.choice(PROVINCES)
    city = r.choice(cities)
    hospital = hospital_name(r, prov, city)
    face = r.choice(['Noto Sans Mono CJK SC', 'WenQuanYi Micro Hei Mono', 'WenQuanYi Zen Hei Sharp'])
    ink = r.choice([(150, 70, 40), (120, 60, 30), (60, 60, 60)])
    val = (15, 15, 15)
    s = Sheet(240, 150)
    m = amounts(r, inpatient)
    issued = rand_date(r)
    truth = {}
    s.text(f'{prov}医疗{"住院" if inpatient else "门诊"}收费票据（电子）', 120, 16, 6, face, ink, 'ms')
    s.qr(10, 5, 20, r)
    code = f'{code2}{r.choice(["06", "08"])}{"02" if inpatient else "01"}{r.randint(19, 24)}'
    number = f'{r.randint(1, 99999999):010d}'
    check = ''.join(r.choice('0123456789abcdef') for _ in range(6))
    # Header grid: 4 rows × (label | value | label | value).
    y0, rh = 27, 7
    s.rect(10, y0, 220, rh * 4, ink)
    for k in range(1, 4):
        s.line(10, y0 + k * rh, 230, y0 + k * rh, ink)
    for x in (52, 118, 150):
        s.line(x, y0, x, y0 + rh * 4, ink)
    hf = 3.1
    date_form = r.choice(['iso', 'cn', 'dotclock'])
    ds = iso(issued) if date_form == 'iso' else date_cn(issued) if date_form == 'cn' else date_dot_clock(issued, r)
    payer = r.choice(['blank', 'masked', 'printed'])
    name = person(r)
    credit = None if r.random() < 0.5 else f'{r.randint(10, 99)}{r.randint(10 ** 15, 10 ** 16 - 1)}'
    rows = [('票据代码', code, '票据号码', number),
            ('交款人统一社会信用代码', credit or '', '校验码', check),
            ('交款人', name if payer != 'blank' else '', '开票日期', ds),
            ('就诊科室' if not inpatient else '住院科室', r.choice(['内科', '外科', '骨科', '消化内科', '心内科']), '医保类型',
             '')]
    ins = None if r.random() < 0.25 else r.choice(INSURANCE)
    rows[3] = (rows[3][0], rows[3][1], '医保类型', ins or '')
    for k, (l1, v1, l2, v2) in enumerate(rows):
        yb = y0 + k * rh + 4.9
        s.text(l1, 12, yb, hf if len(l1) < 8 else 2.7, face, ink)
        if v1:
            s.text(v1, 54, yb, hf, face, val)
        s.text(l2, 120, yb, hf, face, ink)
        if v2:
            s.text(v2, 152, yb, hf, face, val)
    if payer == 'masked':
        s.mask(53, y0 + 2 * rh + 0.8, r.uniform(16, 30), rh - 1.6, r)
    truth.update(patientName=name if payer == 'printed' else None, payerCreditCode=credit, invoiceCode=code,
                 invoiceNumber=number, checkCode=check, issueDate=iso(issued), insuranceType=ins)
    # Items.
    ty = y0 + rh * 4 + 2
    s.text('项目名称', 14, ty + 4, 2.9, face, ink)
    s.text('数量', 60, ty + 4, 2.9, face, ink)
    s.text('金额(元)', 80, ty + 4, 2.9, face, ink)
    s.text('项目名称', 124, ty + 4, 2.9, face, ink)
    s.text('数量', 170, ty + 4, 2.9, face, ink)
    s.text('金额(元)', 190, ty + 4, 2.9, face, ink)
    for i, (fee, v) in enumerate(m['items']):
        x = 14 if i % 2 == 0 else 124
        yy = ty + 9 + (i // 2) * 4.4
        s.text(fee, x, yy, 2.8, face, val)
        s.text('1', 62, yy, 2.8, face, val) if x == 14 else s.text('1', 172, yy, 2.8, face, val)
        s.text(money(v), x + 86, yy, 2.8, face, val, 'rs')
    ly = ty + 34
    s.line(10, ly - 5, 230, ly - 5, ink)
    words = words_of(m['total'], r.choice(['元', '元', '圆']))
    fig = money(m['total'], r.random() < 0.5)
    form = r.choice(['a', 'b'])
    line = (f'金额合计(大写)：{words}    (小写)：{fig}' if form == 'a' else f'合计人民币(大写) {words}   ¥{fig}')
    s.text(line, 14, ly, 3.1, face, ink)
    truth.update(totalAmount=yuan(m['total']), totalAmountInWords=words)
    s.line(10, ly + 2, 230, ly + 2, ink)
    # 其他信息 as label/value text.
    oy = ly + 8
    o = 2.7
    serial = None if r.random() < 0.3 else str(r.randint(10 ** 7, 10 ** 12))
    visit = None if r.random() < 0.3 else str(r.randint(10 ** 5, 10 ** 9))
    s.text(f'业务流水号：{serial or ""}', 14, oy, o, face, ink)
    s.text(f'{"住院号" if inpatient else "门诊号"}：{visit or ""}', 100, oy, o, face, ink)
    if inpatient:
        a = issued - __import__('datetime').timedelta(days=r.randint(3, 30))
        b = issued - __import__('datetime').timedelta(days=r.randint(0, 1))
        s.text(f'住院时间：{iso(a)} 至 {iso(b)}', 160, oy, o, face, ink)
        truth.update(careStart=iso(a), careEnd=iso(b))
    else:
        s.text(f'就诊日期：{iso(issued)}', 160, oy, o, face, ink)
        truth.update(visitDate=iso(issued))
    pays = [('医保统筹基金支付', 'fund'), ('个人账户支付', 'account'), ('个人现金支付', 'cash'), ('个人自付', 'coPay'),
            ('个人自费', 'selfPay')]
    for i, (label, key) in enumerate(pays):
        x = 14 + (i % 3) * 72
        yy = oy + 5 + (i // 3) * 4.6
        s.text(f'{label}：{money(m[key])}', x, yy, o, face, ink)
    truth.update(careSetting='inpatient' if inpatient else 'outpatient', serialNumber=serial, visitNumber=visit,
                 fundPaid=yuan(m['fund']), accountPaid=yuan(m['account']), personalPaid=yuan(m['cash']),
                 coPay=yuan(m['coPay']), selfPay=yuan(m['selfPay']))
    fy = 140
    w = s.text('收款单位（章）：', 14, fy, 3.1, face, ink)
    s.text(hospital, 14 + w, fy, 3.1, face, val)
    s.text('复核人：', 130, fy, 3.1, face, ink)
    s.text(f'收款人：{person(r)}', 180, fy, 3.1, face, ink)
    truth['hospital'] = hospital
    hw = s.width(hospital, 3.1, face)
    colour = (214, 40, 46) if ink != (60, 60, 60) else (120, 120, 120)
    s.seal(14 + w + hw * r.uniform(0.3, 0.7), fy - 3, 12, hospital[:12], '收费专用章', r, colour)
    if r.random() < 0.35:  # a second impression over the figures
        s.seal(r.uniform(120, 190), ly - 2, 11, hospital[:12], '收费专用章', r, colour)
    return s, 'invoice', f'e-grid-{"in" if inpatient else "out"}patient', face, truth


def pin_receipt(r, inpatient):
    """A provincial paper receipt on tinted stock, every value struck by a 24-pin printer; 合计(大写) and ¥ on
    one printed line; the hospital printed on 收款单位 under the seal; 收款人 and the date 2023年1月3日 beside it."""
    prov, code2, cities = r.choice(PROVINCES)
    city = r.choice(cities)
    hospital = hospital_name(r, prov, city)
    face = r.choice(['Noto Sans Mono CJK SC', 'WenQuanYi Micro Hei Mono'])
    ink = r.choice([(40, 90, 160), (170, 70, 50), (30, 110, 80)])
    paper = r.choice([(250, 244, 214), (236, 246, 236), (246, 238, 246), (252, 250, 240)])
    s = Sheet(235, 130, paper)
    s.guilloche(r, tuple(int(c * 0.8) for c in paper))
    for yy in range(6, 128, 12):  # perforated pin-feed margins
        for xx in (4, 231):
            s.d.ellipse([s.px(xx - 1.8), s.px(yy - 1.8), s.px(xx + 1.8), s.px(yy + 1.8)], fill=(238, 238, 238),
                        outline=(180, 180, 180))
    m = amounts(r, inpatient)
    issued = rand_date(r)
    truth = {}
    dx, dy = r.uniform(-3, 3), r.uniform(-1, 1.2)

    def v(t, x, y, size=3.3):
        return s.pin(t, x + dx, y + dy, size, r)

    s.text(f'{prov}{"住院" if inpatient else "门诊"}收费票据', 117, 14, 6, face, ink, 'ms')
    number = f'{r.randint(1, 99999999):08d}'
    s.text('票据号码：', 170, 22, 2.9, face, ink)
    s.text(number, 187, 22, 3.6, face, (190, 40, 40))
    truth['invoiceNumber'] = number
    s.rect(10, 25, 215, 92, ink)
    s.text('姓名', 13, 31, 2.9, face, ink)
    s.line(24, 25, 24, 34, ink)
    s.line(10, 34, 225, 34, ink)
    mode = r.choice(['blank', 'masked', 'printed'])
    name = person(r)
    if mode != 'blank':
        v(name, 27, 31.5)
    if mode == 'masked':
        s.mask(25 + dx, 26 + dy, 20, 7, r)
    truth['patientName'] = name if mode == 'printed' else None
    s.text('性别', 60, 31, 2.9, face, ink)
    s.text(f'{"住院号" if inpatient else "门诊号"}', 95, 31, 2.9, face, ink)
    vis = str(r.randint(10 ** 5, 10 ** 8))
    v(vis, 110, 31.5)
    truth['visitNumber'] = vis
    s.text('医保类型', 150, 31, 2.9, face, ink)
    ins = r.choice(INSURANCE[2:])
    v(ins, 166, 31.5)
    truth['insuranceType'] = ins
    s.text('收费项目', 13, 39, 2.8, face, ink)
    s.text('金额', 60, 39, 2.8, face, ink)
    s.text('收费项目', 120, 39, 2.8, face, ink)
    s.text('金额', 170, 39, 2.8, face, ink)
    s.line(10, 41, 225, 41, ink)
    for i, (fee, val) in enumerate(m['items'][:10]):
        x = 13 if i % 2 == 0 else 120
        v(fee, x, 47 + (i // 2) * 6)
        v(money(val), x + 45, 47 + (i // 2) * 6)
    shown = sum(val for _, val in m['items'][:10])
    s.line(10, 78, 225, 78, ink)
    s.text('合计(大写)', 13, 85, 2.9, face, ink)
    words = words_of(shown)
    v(f'{words}    ¥{money(shown)}', 32, 85.5, 3.5)
    truth.update(totalAmount=yuan(shown), totalAmountInWords=words)
    s.line(10, 88, 225, 88, ink)
    fund = 0 if r.random() < 0.3 else int(shown * r.uniform(0.3, 0.75))
    cash = shown - fund
    s.text('医保统筹基金支付', 13, 94, 2.8, face, ink)
    v(money(fund), 43, 94.5)
    s.text('个人现金支付', 120, 94, 2.8, face, ink)
    v(money(cash), 144, 94.5)
    truth.update(fundPaid=yuan(fund), personalPaid=yuan(cash), careSetting='inpatient' if inpatient else 'outpatient')
    if inpatient:
        import datetime
        a = issued - datetime.timedelta(days=r.randint(3, 25))
        s.text('住院日期', 13, 102, 2.8, face, ink)
        v(f'{iso(a)}至{iso(issued)}', 30, 102.5)
        truth.update(careStart=iso(a), careEnd=iso(issued))
    s.line(10, 106, 225, 106, ink)
    s.text('收款单位(盖章)', 13, 113, 2.9, face, ink)
    hw = v(hospital, 40, 113.5, 3.4)
    truth['hospital'] = hospital
    s.text('收款人', 130, 113, 2.9, face, ink)
    v(person(r), 142, 113.5)
    v(date_cn(issued), 170, 113.5)
    truth['issueDate'] = iso(issued)
    s.seal(40 + hw * r.uniform(0.3, 0.7), 110, 11, hospital[:12], '收费专用章', r, oval=r.random() < 0.4)
    return s, 'invoice', f'pin-{"in" if inpatient else "out"}patient', 'pin24/' + face, truth


def slip(r, inpatient):
    """A laser-printed 门诊/住院 收费票据 of one hospital: values after their labels, 收费日期 2021.04.24 15:26,
    患者姓名 blank or masked on some, 合计 line with 大写 and 小写, the seal over the total."""
    prov, code2, cities = r.choice(PROVINCES)
    city = r.choice(cities)
    hospital = hospital_name(r, prov, city)
    face = r.choice(['Noto Sans Mono CJK SC', 'WenQuanYi Zen Hei Sharp', 'Noto Sans Mono CJK SC Bold'])
    ink = (25, 25, 25)
    s = Sheet(190, 120, (255, 255, 253))
    m = amounts(r, inpatient)
    issued = rand_date(r)
    truth = {}
    s.text(f'{prov}医疗机构{"住院" if inpatient else "门诊"}收费票据', 95, 12, 5.2, face, ink, 'ms')
    code = f'{code2}{r.randint(1000, 9999)}'
    number = f'{r.randint(10 ** 7, 10 ** 8 - 1)}'
    s.text(f'票据代码：{code}', 10, 22, 3, face, ink)
    s.text(f'票据号码：{number}', 130, 22, 3, face, ink)
    truth.update(invoiceCode=code, invoiceNumber=number)
    label = r.choice(['患者姓名', '姓名'])
    mode = r.choice(['blank', 'masked', 'printed', 'printed'])
    name = person(r)
    w = s.text(f'{label}：', 10, 30, 3, face, ink)
    if mode != 'blank':
        s.text(name, 10 + w, 30, 3, face, ink)
    if mode == 'masked':
        s.mask(10 + w - 0.5, 26.5, 16, 4.8, r)
    truth['patientName'] = name if mode == 'printed' else None
    s.text(f'性别：{r.choice("男女")}', 60, 30, 3, face, ink)
    dlabel = r.choice(['收费日期', '开票日期', '结算日期'])
    s.text(f'{dlabel}：{date_dot_clock(issued, r)}', 110, 30, 3, face, ink)
    truth['issueDate'] = iso(issued)
    s.line(8, 33, 182, 33, ink)
    for i, (fee, v) in enumerate(m['items']):
        x = 12 if i % 2 == 0 else 100
        yy = 39 + (i // 2) * 4.8
        s.text(fee, x, yy, 3, face, ink)
        s.text(money(v), x + 70, yy, 3, face, ink, 'rs')
    s.line(8, 66, 182, 66, ink)
    words = words_of(m['total'])
    fig = money(m['total'], r.random() < 0.4)
    s.text(f'合计(大写)：{words}', 10, 72, 3.1, face, ink)
    s.text(f'(小写)：¥{fig}', 125, 72, 3.1, face, ink)
    truth.update(totalAmount=yuan(m['total']), totalAmountInWords=words)
    s.text(f'医保统筹基金支付：{money(m["fund"])}', 10, 79, 2.9, face, ink)
    s.text(f'个人账户支付：{money(m["account"])}', 75, 79, 2.9, face, ink)
    s.text(f'个人现金支付：{money(m["cash"])}', 132, 79, 2.9, face, ink)
    truth.update(fundPaid=yuan(m['fund']), accountPaid=yuan(m['account']), personalPaid=yuan(m['cash']),
                 careSetting='inpatient' if inpatient else 'outpatient')
    s.line(8, 83, 182, 83, ink)
    w = s.text('收款单位：', 10, 92, 3.1, face, ink)
    s.text(hospital, 10 + w, 92, 3.1, face, ink)
    truth['hospital'] = hospital
    s.text(f'收款人：{person(r)}', 130, 92, 3.1, face, ink)
    s.seal(r.uniform(130, 160), 70, 12, hospital[:12], '财务专用章', r)
    if r.random() < 0.5:
        s.seal(10 + w + s.width(hospital, 3.1, face) * 0.5, 90, 11, hospital[:12], '收费专用章', r)
    return s, 'invoice', f'slip-{"in" if inpatient else "out"}patient', face, truth


def certificate(r):
    """诊断证明书: the first diagnosis wraps onto a second line, or the diagnoses are listed one a line."""
    prov, _, cities = r.choice(PROVINCES)
    hospital = hospital_name(r, prov, r.choice(cities))
    face = r.choice(['Noto Sans Mono CJK SC', 'WenQuanYi Micro Hei Mono', 'WenQuanYi Zen Hei Sharp'])
    ink = (20, 20, 20)
    s = Sheet(148, 210)
    truth = {}
    s.text(hospital, 74, 18, 5.6, face, ink, 'ms')
    s.text('诊 断 证 明 书', 74, 30, 5.6, face, ink, 'ms')
    named = r.random() < 0.5
    name = person(r)
    w = s.text('姓名：', 10, 44, 3.3, face, ink)
    if named:
        s.text(name, 10 + w, 44, 3.3, face, ink)
    elif r.random() < 0.5:
        s.text(name, 10 + w, 44, 3.3, face, ink)
        s.mask(10 + w - 0.5, 40.5, 15, 5, r)
    truth['patientName'] = name if named else None
    s.text(f'性别：{r.choice("男女")}', 48, 44, 3.3, face, ink)
    s.text(f'年龄：{r.randint(20, 88)}岁', 78, 44, 3.3, face, ink)
    s.text(f'科室：{r.choice(["神经内科", "普外科", "呼吸内科", "骨科"])}', 108, 44, 3.3, face, ink)
    visit = rand_date(r)
    s.text(f'就诊日期：{date_cn(visit)}', 10, 53, 3.3, face, ink)
    truth['visitDate'] = iso(visit)
    s.line(8, 57, 140, 57, ink)
    k = r.randrange(len(DIAGNOSES))
    first = DIAGNOSES[k]
    second = DIAGNOSES[(k + 4) % len(DIAGNOSES)]
    w = s.text('诊断：', 10, 67, 3.4, face, ink)
    if r.random() < 0.5 and len(first) >= 6:
        cut = len(first) - r.randint(2, 4)
        s.text(f'1.{first[:cut]}', 10 + w, 67, 3.4, face, ink)
        s.text(f'{first[cut:]}  2.{second}', 10 + w, 74, 3.4, face, ink)
        layout = 'cert-wrapped'
    else:
        s.text(f'1.{first}', 10 + w, 67, 3.4, face, ink)
        s.text(f'2.{second}', 10 + w, 74, 3.4, face, ink)
        layout = 'cert-listed'
    truth['diagnosis'] = first
    s.text('处理意见：建议休息两周，门诊随诊。', 10, 88, 3.3, face, ink)
    s.text('医师：', 90, 150, 3.3, face, ink)
    s.text(date_cn(visit), 96, 162, 3.3, face, ink)
    s.seal(r.uniform(95, 115), r.uniform(145, 160), 16, hospital[:12], '诊断证明专用章', r)
    truth['hospital'] = hospital
    return s, 'diagnosis_certificate', layout, face, truth


def discharge(r):
    """出院记录 with times 2021.04.24 15:26 and 出院诊断 wrapping onto the next line on some."""
    import datetime
    prov, _, cities = r.choice(PROVINCES)
    hospital = hospital_name(r, prov, r.choice(cities))
    face = r.choice(['Noto Sans Mono CJK SC', 'WenQuanYi Micro Hei Mono'])
    ink = (15, 15, 15)
    s = Sheet(210, 297)
    truth = {}
    s.text(hospital, 105, 20, 6, face, ink, 'ms')
    s.text('出院记录', 105, 32, 6.4, face, ink, 'ms')
    s.line(12, 37, 198, 37, ink, 0.4)
    named = r.random() < 0.4
    name = person(r)
    s.text(f'姓名：{name if named else ""}', 14, 45, 3.5, face, ink)
    truth['patientName'] = name if named else None
    s.text(f'科别：{r.choice(["心内科", "消化内科", "肿瘤科"])}', 70, 45, 3.5, face, ink)
    s.text(f'床号：{r.randint(1, 60)}', 120, 45, 3.5, face, ink)
    s.text(f'住院号：{r.randint(10 ** 5, 10 ** 7)}', 155, 45, 3.5, face, ink)
    a = rand_date(r)
    b = a + datetime.timedelta(days=r.randint(2, 28))
    s.text(f'入院日期：{date_dot_clock(a, r)}', 14, 54, 3.5, face, ink)
    s.text(f'出院日期：{date_dot_clock(b, r)}', 110, 54, 3.5, face, ink)
    truth.update(careStart=iso(a), careEnd=iso(b))
    k = r.randrange(len(DIAGNOSES))
    first, second = DIAGNOSES[k], DIAGNOSES[(k + 6) % len(DIAGNOSES)]
    lines = [f'入院情况：患者因{r.choice(["头晕", "上腹痛", "咳嗽咳痰", "胸痛"])}{r.randint(2, 30)}天入院。',
             f'入院诊断：{first}', '诊疗经过：完善检查，予对症支持治疗，症状缓解。']
    y = 66
    for ln in lines:
        s.text(ln, 14, y, 3.4, face, ink)
        y += 8
    w = s.text('出院诊断：', 14, y, 3.4, face, ink)
    s.text(f'1.{first}', 14 + w, y, 3.4, face, ink)
    s.text(f'2.{second}', 14 + w, y + 6.5, 3.4, face, ink)
    truth['diagnosis'] = first
    s.text('出院医嘱：低盐低脂饮食，按时服药，门诊复查。', 14, y + 16, 3.4, face, ink)
    s.text('医师签名：', 130, 260, 3.4, face, ink)
    truth['hospital'] = hospital
    return s, 'discharge_summary', 'discharge-dotclock', face, truth


def capture(page, r, n):
    """Photograph the page: a phone on a table (tilt, rotation, defocus, motion, light), a document camera or
    a flatbed scan."""
    src = cv2.cvtColor(np.asarray(page.img), cv2.COLOR_RGB2BGR).astype(np.float32)
    h, w = src.shape[:2]
    mode = ['phone', 'phone', 'camera', 'scan'][n % 4]
    W, H = (4032, 3024) if n % 5 == 4 else (2400, 1800)
    if h > w:
        W, H = H, W
    if mode == 'scan':
        scale = min(W / w, H / h) * 0.98
        bg = np.full((H, W, 3), 252, np.float32)
        ang = r.uniform(-1.2, 1.2)
        cx, cy = W / 2, H / 2
        M = cv2.getRotationMatrix2D((w / 2, h / 2), ang, scale)
        M[0, 2] += cx - w / 2
        M[1, 2] += cy - h / 2
        out = cv2.warpAffine(src, M, (W, H), flags=cv2.INTER_AREA, borderValue=(252, 252, 252))
        out = np.minimum(255, out * 1.06)
        sigma = r.uniform(0.3, 0.7)
        quality = r.randint(84, 90)
        cond = dict(mode=mode, angle=round(ang, 2), sigma=round(sigma, 2))
    else:
        fill = r.uniform(0.72, 0.9) if mode == 'phone' else r.uniform(0.82, 0.94)
        scale = min(W / w, H / h) * fill
        pw, ph = w * scale, h * scale
        cx, cy = W / 2 + r.uniform(-0.04, 0.04) * W, H / 2 + r.uniform(-0.04, 0.04) * H
        ang = math.radians(r.uniform(-6, 6) if mode == 'phone' else r.uniform(-2, 2))
        tilt = r.uniform(0, 0.1) if mode == 'phone' else r.uniform(0, 0.03)
        corners = []
        for (sx, sy) in [(-1, -1), (1, -1), (1, 1), (-1, 1)]:
            x, y = sx * pw / 2, sy * ph / 2
            if sy < 0:
                x *= 1 - tilt  # the top edge farther from the lens
            xr = x * math.cos(ang) - y * math.sin(ang)
            yr = x * math.sin(ang) + y * math.cos(ang)
            corners.append([cx + xr + r.uniform(-8, 8), cy + yr + r.uniform(-8, 8)])
        P = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), np.float32(corners))
        table = np.array(r.choice([(90, 110, 130), (60, 70, 80), (170, 160, 150), (40, 45, 50)]), np.float32)
        bg = np.ones((H, W, 3), np.float32) * table[None, None, :]
        bg += np.random.RandomState(r.randint(0, 10 ** 6)).normal(0, 6, (H, W, 1)).astype(np.float32)
        warped = cv2.warpPerspective(src, P, (W, H), flags=cv2.INTER_AREA)
        m = cv2.warpPerspective(np.ones((h, w), np.float32), P, (W, H), flags=cv2.INTER_LINEAR)[..., None]
        out = warped * m + bg * (1 - m)
        # Uneven light: a linear fall-off and a soft vignette.
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        gx, gy = r.uniform(-1, 1), r.uniform(-1, 1)
        light = 1 - r.uniform(0.05, 0.25) * ((xx / W - 0.5) * gx + (yy / H - 0.5) * gy + 0.5)
        light *= 1 - 0.15 * (((xx - W / 2) / W) ** 2 + ((yy - H / 2) / H) ** 2)
        out = out * light[..., None] * r.uniform(0.88, 1.0)
        sigma = r.uniform(0.6, 1.6) * (W / 2400)
        quality = r.randint(72, 88)
        cond = dict(mode=mode, angle=round(math.degrees(ang), 2), tilt=round(tilt, 3), sigma=round(sigma, 2))
        if mode == 'phone' and r.random() < 0.4:  # hand shake: a short motion streak
            L = int(r.uniform(3, 7) * W / 2400)
            k = np.zeros((L, L), np.float32)
            k[L // 2, :] = 1.0 / L
            out = cv2.filter2D(out, -1, cv2.warpAffine(k, cv2.getRotationMatrix2D((L / 2, L / 2), r.uniform(0, 180), 1), (L, L)))
            cond['motion'] = L
    out = cv2.GaussianBlur(out, (0, 0), sigma)
    out += np.random.RandomState(r.randint(0, 10 ** 6)).normal(0, r.uniform(2, 5), out.shape).astype(np.float32)
    out = np.clip(out, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode('.jpg', out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    cond['jpeg'] = quality
    cond['frame'] = [W, H]
    return buf.tobytes(), cond


def plan(per_kind):
    """Invoices three layouts × per_kind (in turn, 住院/门诊 alternating), then certificates and summaries."""
    out = []
    for i in range(per_kind * 3):
        out.append(('invoice', i))
    for i in range(per_kind):
        out.append(('diagnosis_certificate', i))
    for i in range(per_kind):
        out.append(('discharge_summary', i))
    return out


def make(n, kind, variant, seed):
    r = random.Random(seed * 7919 + n)
    if kind == 'invoice':
        inpatient = (variant // 3) % 2 == 1
        s, kind, layout, face, truth = [e_invoice_grid, pin_receipt, slip][variant % 3](r, inpatient)
    elif kind == 'diagnosis_certificate':
        s, kind, layout, face, truth = certificate(r)
    else:
        s, kind, layout, face, truth = discharge(r)
    jpeg, cond = capture(s, r, n)
    return jpeg, dict(kind=kind, layout=layout, face=face, truth=truth, capture=cond)


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith('--'):
        print('usage: make.py OUT_DIR [--seed N] [--per-kind K] [--only 3,7]', file=sys.stderr)
        sys.exit(2)
    out = args[0]

    def opt(name, default):
        return args[args.index(name) + 1] if name in args else default

    seed = int(opt('--seed', '21000'))
    per_kind = int(opt('--per-kind', '6'))
    only = opt('--only', None)
    wanted = None if only is None else {int(x) for x in only.split(',')}
    os.makedirs(out, exist_ok=True)
    for n, (kind, variant) in enumerate(plan(per_kind)):
        if wanted is not None and n not in wanted:
            continue
        jpeg, meta = make(n, kind, variant, seed)
        base = os.path.join(out, f'{n:03d}-{kind}')
        with open(base + '.jpg', 'wb') as f:
            f.write(jpeg)
        with open(base + '.json', 'w', encoding='utf-8') as f:
            json.dump(meta, f, ensure_ascii=False, indent=1)
        print(base + '.jpg', flush=True)


if __name__ == '__main__':
    main()
