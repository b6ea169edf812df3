package vn.vneid.otp;

/** Why a citizen is asked for a code; each purpose has its own {@link OtpPolicy} and SMS template. */
public enum Purpose {
    REGISTER,
    ACTIVATE,
    PHONE_CHANGE,
    DEVICE_CHANGE,
    LOGIN,
    PASSWORD_RESET
}
