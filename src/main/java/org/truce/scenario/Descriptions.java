package org.truce.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The free text of synthetic reports, in the language and tone of their source (Arabic from the parties,
 * Russian, Turkish and Persian from the guarantors, English from the UN), so that search, language handling
 * and deduplication meet text as varied as the real thing.
 */
final class Descriptions {

  private static final List<String> LANGUAGES = List.of("en", "ar", "ru", "tr", "fa");

  private static final String[][] TEMPLATES = {
      { // en
          "{Type} reported near {place} {when}. Alleged perpetrator: {perp}. {cas}",
          "Local sources report {type} in the vicinity of {place} {when}; weapons mentioned: {weapons}. {cas}",
          "Ceasefire violation ({type}) affecting {place} {when}. {cas}",
          "Incident: {type} at {place} {when}, attributed to {perp}. {cas}"},
      { // ar
          "رصد {type} على {place} {when}. الجهة المسؤولة: {perp}. {cas}",
          "خرق لاتفاق وقف إطلاق النار: {type} في محيط {place} {when} باستخدام {weapons}. {cas}",
          "أفادت مصادر محلية بوقوع {type} في {place} {when}. {cas}",
          "تعرضت بلدة {place} لـ{type} {when}، والجهة المنفذة: {perp}. {cas}"},
      { // ru
          "Зафиксировано нарушение режима прекращения огня ({type}) в районе н.п. {place} {when}. {cas}",
          "{Type} в районе н.п. {place} {when}. Применялись: {weapons}. Предполагаемый виновник: {perp}. {cas}",
          "По данным наблюдателей, {when} в районе н.п. {place} отмечен инцидент: {type}. {cas}"},
      { // tr
          "{place} bölgesinde {when} {type} tespit edildi. {cas}",
          "Ateşkes ihlali: {place} yakınlarında {when} {type}. Kullanılan silahlar: {weapons}. Sorumlu: {perp}. {cas}",
          "Gözlem noktası bildirimi: {when} {place} çevresinde {type} meydana geldi. {cas}"},
      { // fa
          "{type} در نزدیکی {place} {when} گزارش شد. {cas}",
          "نقض آتش‌بس: {type} در منطقه {place} {when}. عامل احتمالی: {perp}. {cas}",
          "ناظران {type} را در اطراف {place} {when} ثبت کردند. سلاح‌های به‌کاررفته: {weapons}. {cas}"}};

  /** Per language: minute, hour and day forms of "when"; {date}, {hm} and {h} are filled in. */
  private static final String[][] WHEN = {
      {"at {hm} on {date}", "around {h} on {date}", "on {date}"},
      {"بتاريخ {date} الساعة {hm}", "بتاريخ {date} نحو الساعة {h}", "بتاريخ {date}"},
      {"{date} в {hm}", "{date} около {h}", "{date}"},
      {"{date} tarihinde saat {hm}", "{date} tarihinde saat {h} civarında", "{date} tarihinde"},
      {"در تاریخ {date} ساعت {hm}", "در تاریخ {date} حدود ساعت {h}", "در تاریخ {date}"}};

  /** Per language: no casualties; civilians; combatants; prefix; separator. */
  private static final String[][] CASUALTIES = {
      {"No casualties reported.", "civilians: {k} killed, {i} injured", "combatants: {k} killed, {i} injured", "Casualties: ", "; "},
      {"لم ترد أنباء عن إصابات.", "{k} قتلى و{i} جرحى من المدنيين", "{k} قتلى و{i} جرحى من المقاتلين", "الحصيلة: ", "، و"},
      {"Пострадавших нет.", "среди мирных жителей погибших — {k}, раненых — {i}", "среди военных погибших — {k}, раненых — {i}", "Потери: ", "; "},
      {"Can kaybı bildirilmedi.", "siviller: {k} ölü, {i} yaralı", "silahlı kişiler: {k} ölü, {i} yaralı", "Kayıplar: ", "; "},
      {"تلفاتی گزارش نشد.", "غیرنظامیان: {k} کشته و {i} زخمی", "نظامیان: {k} کشته و {i} زخمی", "تلفات: ", "؛ "}};

  private static final Map<String, String[]> TYPES = Map.ofEntries(
      Map.entry("shelling", new String[] {"shelling", "قصف مدفعي", "обстрел", "topçu atışı", "گلوله‌باران توپخانه‌ای"}),
      Map.entry("air_strike", new String[] {"air strike", "غارة جوية", "авиаудар", "hava saldırısı", "حمله هوایی"}),
      Map.entry("drone_strike", new String[] {"drone strike", "هجوم بطائرة مسيّرة", "удар БПЛА", "İHA saldırısı", "حمله پهپادی"}),
      Map.entry("ied_explosion", new String[] {"IED explosion", "انفجار عبوة ناسفة", "подрыв СВУ", "EYP patlaması", "انفجار بمب دست‌ساز"}),
      Map.entry("small_arms_fire", new String[] {"small arms fire", "إطلاق نار بالأسلحة الخفيفة", "обстрел из стрелкового оружия", "hafif silahlarla ateş açılması", "تیراندازی با سلاح سبک"}),
      Map.entry("sniper_fire", new String[] {"sniper fire", "استهداف بنيران القناصة", "огонь снайпера", "keskin nişancı ateşi", "تیراندازی تک‌تیرانداز"}),
      Map.entry("ground_assault", new String[] {"ground assault", "هجوم بري", "наземная атака", "kara saldırısı", "حمله زمینی"}),
      Map.entry("attack_on_civilians", new String[] {"attack on civilians", "اعتداء على المدنيين", "нападение на мирных жителей", "sivillere saldırı", "حمله به غیرنظامیان"}),
      Map.entry("abduction", new String[] {"abduction", "عملية خطف", "похищение людей", "adam kaçırma", "آدم‌ربایی"}),
      Map.entry("forces_movement", new String[] {"movement of forces", "تحركات عسكرية", "передвижение войск", "askeri hareketlilik", "جابه‌جایی نیروها"}),
      Map.entry("heavy_weapons_in_zone", new String[] {"heavy weapons in the zone", "نشر أسلحة ثقيلة في المنطقة", "тяжёлое вооружение в зоне", "bölgeye ağır silah yığınağı", "استقرار سلاح سنگین در منطقه"}),
      Map.entry("obstruction_of_monitors", new String[] {"obstruction of monitors", "عرقلة عمل المراقبين", "препятствование работе наблюдателей", "gözlemcilerin engellenmesi", "ممانعت از کار ناظران"}),
      Map.entry("attack_on_humanitarian", new String[] {"attack on humanitarian workers", "استهداف العاملين في المجال الإنساني", "нападение на гуманитарных работников", "insani yardım çalışanlarına saldırı", "حمله به امدادگران"}),
      Map.entry("other", new String[] {"ceasefire violation", "خرق لوقف إطلاق النار", "нарушение режима прекращения огня", "ateşkes ihlali", "نقض آتش‌بس"}));

  private static final Map<String, String[]> PARTIES = Map.of(
      "SY-GOV", new String[] {"Syrian government forces", "القوات الحكومية السورية", "правительственные войска", "rejim güçleri", "ارتش سوریه"},
      "SY-OPP", new String[] {"armed opposition groups", "فصائل المعارضة المسلحة", "незаконные вооружённые формирования", "muhalif gruplar", "گروه‌های مسلح مخالف"},
      "RU", new String[] {"Russian forces", "القوات الروسية", "российские силы", "Rus kuvvetleri", "نیروهای روسیه"},
      "TR", new String[] {"Turkish forces", "القوات التركية", "турецкие силы", "Türk kuvvetleri", "نیروهای ترکیه"},
      "unknown", new String[] {"unidentified", "جهة مجهولة", "не установлен", "belirlenemedi", "نامشخص"});

  /** Weapons in ar, ru, tr, fa (English is the key, as in the report's weapons list). */
  private static final Map<String, String[]> WEAPONS = Map.ofEntries(
      Map.entry("122mm artillery", new String[] {"مدفعية عيار 122 مم", "122-мм артиллерия", "122 mm topçu", "توپخانه 122 میلی‌متری"}),
      Map.entry("130mm artillery", new String[] {"مدفعية عيار 130 مم", "130-мм артиллерия", "130 mm topçu", "توپخانه 130 میلی‌متری"}),
      Map.entry("152mm howitzer", new String[] {"مدفع هاوتزر عيار 152 مم", "152-мм гаубица", "152 mm obüs", "هویتزر 152 میلی‌متری"}),
      Map.entry("MLRS", new String[] {"راجمات صواريخ", "РСЗО", "çok namlulu roketatar", "راکت‌انداز چندلول"}),
      Map.entry("tank", new String[] {"دبابة", "танк", "tank", "تانک"}),
      Map.entry("mortar", new String[] {"قذائف هاون", "миномёт", "havan", "خمپاره"}),
      Map.entry("120mm mortar", new String[] {"هاون عيار 120 مم", "120-мм миномёт", "120 mm havan", "خمپاره 120 میلی‌متری"}),
      Map.entry("Grad MLRS", new String[] {"صواريخ غراد", "РСЗО «Град»", "Grad roketatarı", "راکت‌انداز گراد"}),
      Map.entry("improvised rocket", new String[] {"صواريخ محلية الصنع", "самодельные ракеты", "el yapımı roket", "راکت دست‌ساز"}),
      Map.entry("Hell cannon", new String[] {"مدفع جهنم", "«адская пушка»", "cehennem topu", "«توپ جهنم»"}),
      Map.entry("fixed-wing aircraft", new String[] {"طائرات حربية", "самолёт", "savaş uçağı", "هواپیمای جنگی"}),
      Map.entry("helicopter", new String[] {"مروحية", "вертолёт", "helikopter", "بالگرد"}),
      Map.entry("barrel bomb", new String[] {"براميل متفجرة", "бочковая бомба", "varil bombası", "بمب بشکه‌ای"}),
      Map.entry("guided missile", new String[] {"صاروخ موجه", "управляемая ракета", "güdümlü füze", "موشک هدایت‌شونده"}),
      Map.entry("unguided bombs", new String[] {"قنابل غير موجهة", "неуправляемые авиабомбы", "güdümsüz bomba", "بمب‌های هدایت‌نشده"}),
      Map.entry("UAV", new String[] {"طائرة مسيّرة", "БПЛА", "İHA", "پهپاد"}),
      Map.entry("loitering munition", new String[] {"ذخيرة جوالة", "барражирующий боеприпас", "kamikaze İHA", "مهمات پرسه‌زن"}),
      Map.entry("FPV drone", new String[] {"مسيّرة انتحارية", "FPV-дрон", "FPV dron", "پهپاد انتحاری"}),
      Map.entry("IED", new String[] {"عبوة ناسفة", "СВУ", "el yapımı patlayıcı", "بمب دست‌ساز"}),
      Map.entry("VBIED", new String[] {"سيارة مفخخة", "заминированный автомобиль", "bomba yüklü araç", "خودروی بمب‌گذاری‌شده"}),
      Map.entry("landmine", new String[] {"لغم أرضي", "мина", "kara mayını", "مین زمینی"}),
      Map.entry("assault rifle", new String[] {"بنادق آلية", "автоматы", "piyade tüfeği", "تفنگ تهاجمی"}),
      Map.entry("heavy machine gun", new String[] {"رشاشات ثقيلة", "крупнокалиберный пулемёт", "ağır makineli tüfek", "مسلسل سنگین"}),
      Map.entry("14.5mm machine gun", new String[] {"رشاش عيار 14.5 مم", "14,5-мм пулемёт", "14,5 mm makineli tüfek", "مسلسل 14.5 میلی‌متری"}),
      Map.entry("RPG", new String[] {"قاذف آر بي جي", "РПГ", "RPG", "آرپی‌جی"}),
      Map.entry("sniper rifle", new String[] {"بندقية قنص", "снайперская винтовка", "keskin nişancı tüfeği", "تفنگ تک‌تیرانداز"}),
      Map.entry("BMP", new String[] {"عربة مشاة قتالية", "БМП", "BMP zırhlı aracı", "نفربر بی‌ام‌پی"}),
      Map.entry("armoured vehicles", new String[] {"مدرعات", "бронетехника", "zırhlı araçlar", "خودروهای زرهی"}),
      Map.entry("truck-mounted heavy machine gun", new String[] {"رشاش ثقيل محمول على سيارة", "пикап с крупнокалиберным пулемётом", "araç üstü ağır makineli tüfek", "مسلسل سنگین سوار بر خودرو"}));

  private Descriptions() {}

  /** The description of a draft in its own language; localTime is "yyyy-MM-ddTHH:mm" of occurredAt in Syria. */
  static String describe(Draft d, String localTime) {
    int lang = LANGUAGES.indexOf(d.language());
    String[] options = TEMPLATES[lang];
    List<String> usable = new ArrayList<>(options.length);
    for (String t : options) {
      if (!d.weapons().isEmpty() || !t.contains("{weapons}")) {
        usable.add(t);
      }
    }
    String template = usable.get(d.textChoice() % usable.size());
    String type = TYPES.get(d.type())[lang];
    // one pass over the template: a million reports make repeated String.replace show in profiles
    StringBuilder out = new StringBuilder(template.length() + 160);
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      out.append(template, i, open);
      switch (template.substring(open + 1, close)) {
        case "Type" -> out.append(Character.toUpperCase(type.charAt(0))).append(type, 1, type.length());
        case "type" -> out.append(type);
        case "place" -> out.append(placeName(d.place(), lang));
        case "when" -> out.append(when(lang, d.timePrecision(), localTime));
        case "perp" -> out.append(party(d, lang));
        case "weapons" -> out.append(weapons(d.weapons(), lang));
        case "cas" -> out.append(casualties(d, lang));
        default -> throw new IllegalStateException("unknown placeholder in " + template);
      }
      i = close + 1;
    }
    return out.toString();
  }

  /** Each side names the other as its own media do; everyone else uses neutral terms. */
  private static String party(Draft d, int lang) {
    if (lang == 1 && d.sourceParty().equals("SY-OPP") && d.perpetrator().equals("SY-GOV")) {
      return "قوات النظام";
    }
    if (lang == 1 && d.sourceParty().equals("SY-GOV") && d.perpetrator().equals("SY-OPP")) {
      return "المجموعات الإرهابية المسلحة";
    }
    return PARTIES.get(d.perpetrator())[lang];
  }

  private static String placeName(Geography.Place p, int lang) {
    return switch (LANGUAGES.get(lang)) {
      case "ar", "fa" -> p.arabic() != null ? p.arabic() : p.name();
      case "ru" -> p.cyrillic();
      case "tr" -> p.asciiName().replace("`", "").replace("'", ""); // the Turkish press drops the ayn and hamza
      default -> p.name();
    };
  }

  /**
   * A Russian spelling of a romanised Arabic place name ("Khan Shaykhun" to "Хан Шайхун"), for places the
   * gazetteer has no Cyrillic name for; rough, as field reports are.
   */
  static String cyrillic(String ascii) {
    // a final ta marbuta is not pronounced: "Salamiyah" is Саламия
    String s = ascii.replace("`", "").replace("'", "").toLowerCase(java.util.Locale.ROOT)
        .replaceAll("iyah\\b", "iya").replaceAll("ah\\b", "a");
    StringBuilder out = new StringBuilder(s.length() + 4);
    boolean wordStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
      String t;
      if (!Character.isLetter(c)) {
        out.append(c);
        wordStart = true;
        continue;
      }
      String pair = "" + c + next;
      switch (pair) {
        case "sh" -> t = "ш";
        case "kh" -> t = "х";
        case "gh" -> t = "г";
        case "th" -> t = "с";
        case "dh" -> t = "з";
        case "ch" -> t = "ч";
        case "zh" -> t = "ж";
        case "ya" -> t = "я";
        case "yu" -> t = "ю";
        case "ye" -> t = "е";
        default -> t = null;
      }
      if (t != null) {
        i++;
      } else {
        int k = "abcdefghijklmnopqrstuvwxyz".indexOf(c);
        t = k < 0 ? String.valueOf(c)
            : new String[] {"а", "б", "к", "д", wordStart ? "э" : "е", "ф", "г", "х", "и", "дж", "к", "л", "м", "н",
                "о", "п", "к", "р", "с", "т", "у", "в", "в", "кс", "й", "з"}[k];
      }
      out.append(wordStart ? Character.toUpperCase(t.charAt(0)) + t.substring(1) : t);
      wordStart = false;
    }
    return out.toString();
  }

  private static String when(int lang, String precision, String local) {
    String y = local.substring(0, 4);
    String m = local.substring(5, 7);
    String dd = local.substring(8, 10);
    String date = switch (LANGUAGES.get(lang)) {
      case "ar" -> Integer.parseInt(dd) + "/" + Integer.parseInt(m) + "/" + y;
      case "ru", "tr" -> dd + "." + m + "." + y;
      case "fa" -> y + "/" + m + "/" + dd;
      default -> y + "-" + m + "-" + dd;
    };
    int form = precision.equals("minute") ? 0 : precision.equals("hour") ? 1 : 2;
    return WHEN[lang][form]
        .replace("{date}", date)
        .replace("{hm}", local.substring(11, 16))
        .replace("{h}", local.substring(11, 13) + ":00");
  }

  private static String weapons(List<String> weapons, int lang) {
    StringBuilder sb = new StringBuilder();
    for (String w : weapons) {
      if (sb.length() > 0) {
        sb.append(lang == 1 || lang == 4 ? "، " : ", ");
      }
      String[] local = WEAPONS.get(w);
      sb.append(lang == 0 || local == null ? w : local[lang - 1]);
    }
    return sb.toString();
  }

  private static String casualties(Draft d, int lang) {
    String[] c = CASUALTIES[lang];
    List<String> parts = new ArrayList<>(2);
    if (d.civiliansKilled() + d.civiliansInjured() > 0) {
      parts.add(c[1].replace("{k}", Integer.toString(d.civiliansKilled())).replace("{i}", Integer.toString(d.civiliansInjured())));
    }
    if (d.combatantsKilled() + d.combatantsInjured() > 0) {
      parts.add(c[2].replace("{k}", Integer.toString(d.combatantsKilled())).replace("{i}", Integer.toString(d.combatantsInjured())));
    }
    return parts.isEmpty() ? c[0] : c[3] + String.join(c[4], parts) + ".";
  }
}
