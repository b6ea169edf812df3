package vn.vneid.gateway.notices.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notices every gateway knows, in Vietnamese (with diacritics: the sender may unaccent them to stay GSM-7)
 * and English. Each starts {@code VNeID: } and stays under 300 characters with typical values. Configuration
 * and admins may override them by name; deleting an override brings the built-in back.
 */
final class BuiltinTemplates {
    private static final Map<String, VarType> RESULT_VARS = vars("name", VarType.TEXT, "result", VarType.TEXT,
            "fileCode", VarType.TEXT);

    private BuiltinTemplates() {
    }

    static List<Template> all() {
        return List.of(
                new Template("CCCD_EXPIRY", bodies(
                        "VNeID: Thẻ Căn cước của {name} hết hạn ngày {expiryDate}. Vui lòng làm thủ tục cấp đổi"
                                + " tại cơ quan Công an hoặc trên ứng dụng VNeID.",
                        "VNeID: Dear {name}, your identity card expires on {expiryDate}. Cards are renewed at ages 14,"
                                + " 25, 40 and 60. Please apply for a new card at a police office or in the VNeID app."),
                        vars("name", VarType.TEXT, "expiryDate", VarType.DATE)),
                new Template("BIRTHDAY", bodies(
                        "VNeID: Chúc mừng sinh nhật {name}! Chúc bạn một tuổi mới nhiều sức khỏe, hạnh phúc và thành công.",
                        "VNeID: Happy birthday, {name}! Wishing you health, happiness and success in the year ahead."),
                        vars("name", VarType.TEXT)),
                result("BIRTH_REGISTRATION_RESULT", "đăng ký khai sinh", "birth registration"),
                result("PERMANENT_RESIDENCE_RESULT", "đăng ký thường trú", "permanent residence registration"),
                result("CHILD_HEALTH_INSURANCE_RESULT", "cấp thẻ BHYT trẻ em dưới 6 tuổi",
                        "health insurance card for a child under 6"),
                result("DEATH_REGISTRATION_RESULT", "đăng ký khai tử", "death registration"),
                result("FUNERAL_ALLOWANCE_RESULT", "hưởng trợ cấp mai táng", "funeral allowance"),
                new Template("ACTIVATION_REMINDER", bodies(
                        "VNeID: Tài khoản định danh điện tử của bạn đã được duyệt. Vui lòng kích hoạt trên ứng dụng"
                                + " VNeID trước ngày {deadline}.",
                        "VNeID: Your electronic identification account has been approved. Please activate it in the"
                                + " VNeID app by {deadline} (within 7 days of approval)."),
                        vars("deadline", VarType.DATE)),
                new Template("SCAM_WARNING", bodies(
                        "VNeID: Cảnh giác lừa đảo! Công an không gọi điện đòi mã OTP, mật khẩu hay bắt cài ứng dụng lạ."
                                + " Chỉ tải VNeID từ App Store, Google Play.",
                        "VNeID: Beware of scams! The police never call to ask for your OTP code or password, or to"
                                + " install apps. Do not open unknown links. Get VNeID only from the App Store or Google Play."),
                        Map.of()));
    }

    private static Template result(String name, String procedureVi, String procedureEn) {
        return new Template(name, bodies(
                "VNeID: Hồ sơ " + procedureVi + " mã {fileCode} của {name} đã có kết quả: {result}."
                        + " Xem chi tiết trên ứng dụng VNeID.",
                "VNeID: Dear {name}, your " + procedureEn + " application {fileCode} has a result: {result}."
                        + " See the details in the VNeID app."),
                RESULT_VARS);
    }

    private static Map<String, String> bodies(String vi, String en) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("vi", vi);
        bodies.put("en", en);
        return bodies;
    }

    private static Map<String, VarType> vars(Object... nameTypePairs) {
        Map<String, VarType> vars = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            vars.put((String) nameTypePairs[i], (VarType) nameTypePairs[i + 1]);
        }
        return vars;
    }
}
