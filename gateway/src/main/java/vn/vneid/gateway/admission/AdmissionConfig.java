package vn.vneid.gateway.admission;

/** How the gateway admits requests past its capacity, read from the {@code admission:} section. */
public record AdmissionConfig() {
    public static AdmissionConfig defaults() {
        return new AdmissionConfig();
    }
}
