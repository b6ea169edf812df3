package vn.vneid.gateway.otp;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import vn.vneid.otp.Purpose;

/**
 * The SMS text of each purpose, in Vietnamese without diacritics (so it stays one GSM-7 segment) and in
 * English. {0} is the code, {1} the minutes it lives. Every text warns never to share the code.
 */
public final class OtpTexts {
    public static final String DEFAULT_LOCALE = "vi";

    private static final Map<String, Map<Purpose, String>> TEXTS = Map.of(
            "vi", Map.of(
                    Purpose.REGISTER, "VNeID: Ma xac thuc dang ky tai khoan cua ban la {0}, hieu luc {1} phut. KHONG cung cap ma nay cho bat ky ai.",
                    Purpose.ACTIVATE, "VNeID: Ma kich hoat cua ban la {0}, hieu luc {1} phut. KHONG cung cap ma nay cho bat ky ai.",
                    Purpose.PHONE_CHANGE, "VNeID: Ma xac thuc doi so dien thoai cua ban la {0}, hieu luc {1} phut. KHONG cung cap ma nay cho bat ky ai.",
                    Purpose.DEVICE_CHANGE, "VNeID: Ma xac thuc dang nhap thiet bi moi cua ban la {0}, hieu luc {1} phut. KHONG cung cap ma nay cho bat ky ai.",
                    Purpose.LOGIN, "VNeID: Ma dang nhap cua ban la {0}, hieu luc {1} phut. KHONG cung cap ma nay cho bat ky ai.",
                    Purpose.PASSWORD_RESET, "VNeID: Ma dat lai mat khau cua ban la {0}, hieu luc {1} phut. KHONG cung cap ma nay cho bat ky ai."),
            "en", Map.of(
                    Purpose.REGISTER, "VNeID: Your registration code is {0}, valid for {1} minutes. Do NOT share this code with anyone.",
                    Purpose.ACTIVATE, "VNeID: Your activation code is {0}, valid for {1} minutes. Do NOT share this code with anyone.",
                    Purpose.PHONE_CHANGE, "VNeID: Your phone number change code is {0}, valid for {1} minutes. Do NOT share this code with anyone.",
                    Purpose.DEVICE_CHANGE, "VNeID: Your new device login code is {0}, valid for {1} minutes. Do NOT share this code with anyone.",
                    Purpose.LOGIN, "VNeID: Your login code is {0}, valid for {1} minutes. Do NOT share this code with anyone.",
                    Purpose.PASSWORD_RESET, "VNeID: Your password reset code is {0}, valid for {1} minutes. Do NOT share this code with anyone."));

    private OtpTexts() {
    }

    public static boolean supports(String locale) {
        return TEXTS.containsKey(locale.toLowerCase(Locale.ROOT));
    }

    public static String render(Purpose purpose, String locale, String code, Duration ttl) {
        long minutes = Math.max(1, (ttl.toSeconds() + 59) / 60);
        return TEXTS.get(locale.toLowerCase(Locale.ROOT)).get(purpose)
                .replace("{0}", code).replace("{1}", Long.toString(minutes));
    }
}
