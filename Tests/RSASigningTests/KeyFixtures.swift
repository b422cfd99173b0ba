/// Fixed key material made once with the openssl command line, so parsing is checked against files
/// produced by a different implementation (PKCS#1 and PKCS#8 of the same key, its public forms,
/// a certificate over it, and the signature `openssl dgst -sha256 -sign` made of `knownMessage`).
enum KeyFixtures {
    static let pkcs1PrivateKey = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEA8FnKWhYBJpPgXp8334eUXSkPdWbZEcbnwINFEE7A8BQlS+/r
        GU7WQaRGtb+QLL99aYPP/87e4HmT9hrq5/ze086PMpzQKsz2N3znJpyM1tqM/fao
        brB75ZWW6d3VtD8R2VCOzC3tGrmZUe+ZLYE933JfSyYSUWeHjEBBQS9Qq17bYuVH
        SuAPl61/FX/Kn5Pl0R+X6jSGRkvlqGyn4/o3ZYxJ3FaQh/fRx1bjgieEWAbU89Ql
        npqq4gFUVLPDA9enFaru6RFP19wrfq30Bo/JdhwKKWJWhPXsbJIEv3ItO+iinbUX
        sCWtxQ52+V6rbcz45zb8rNMTX01KrH5o+ebEAQIDAQABAoIBAAJ6MnM+QdHHeWsQ
        Qg+sQpO5Ph8MKdWckrvxvm7+GNAArSe8t9Qhc2Tm0BHEgTRs3tqNEMJGvBZdOnCx
        c1VjzlopiWFQq3adeTY2M926hFsckpJ1jePiLsy9f3o2nqLGeaUfRvGE0apSWmm1
        SgNljyEz+RZ5tHuhUQzZhrKozbCOeyAdKpIWzwRV9+OTwVaXrQehciIdiVFsQVKk
        px+UDKcYrcm88pYDbRRQKNT3MFfRo8l2e7x2ftNEC8AJrOwdmOFxHlY3gmh9YnT9
        f4B1/kpLCIFWqTPzuzOCioG3vHrNjlNlUMwiqngQ2cwOBfvB3jM8+mbv1ibpAf3h
        XF4ooCECgYEA/NO8T5YpdsXD+qx/1UR7sRFfSZdwftUdvv50k1Z9absOjuKMllaa
        yDfatojseToxgbNtCti9k5/oFcx9dBBXZrmmfVFgs/2vtIgZTzpNwAQgaRGvmntS
        eInqMYtBpTmB25qwPqf3sTVc0CL6sB8QCMiqzQY51UX8qHNHkD2a7PkCgYEA8134
        xHJwERdFVZbNNRT6aO6QdGMv36owVPAW3bPja0QKkI/GcZX6Rz5LCwHwdQnBAn2B
        XkBgG7T6WfnvE1dau+RCrhod5ZBZ9ljxTpiHe/pK6YatCLzrlwn6Px1b2XmTozd0
        MbtCynLFOJcrT1WdsDihKpEYi7IsGXRkCl/T+UkCgYAIBTOBFtNj6CwqZJR9kHmY
        CWQLcpln/Jy/9VR/ZAwAcaWplLg/AKpSVatDhR5zTgxKAAYihPOmnjj/kAgeyXHs
        WVFVwmId85tCT9r1r3TN9ZONobj/XpAkMMPUJIXFlwhujf6vTibGYVn7ZFCti563
        mJ4KePsWr+yu71FC2yFyCQKBgFMrcUHJjiz5E/PdFoImijFkHi/4WbsJUX0lk9ru
        iDD3Ttj6manlxGOmkUTQw9lrnO957sVEINQ3NDudo6urddGyf2s6d68ldukumkDu
        9ZZUAlfuc6IB1k2G1mPNZ79Zwi/MWsRIJ9pCAM6HMwDo1HwNzl5audW77UBBu5Kk
        DzApAoGBAIfYndafq9okc8RMb6bMkYTVd3cmmWuiXjGqVXTIW/L0inwyGwO3V6xj
        e5CKBy/G1ov4snQofRl+CT3dYSyTbaXmvMf2BQl7vVGMTyvP/EMxqiJJOu2d7Ji/
        IY4d0HOA+kloCj4vlICISyzHu977AIYho6mcCCymmbZq+3xBn4cb
        -----END RSA PRIVATE KEY-----
        """

    static let pkcs8PrivateKey = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDwWcpaFgEmk+Be
        nzffh5RdKQ91ZtkRxufAg0UQTsDwFCVL7+sZTtZBpEa1v5Asv31pg8//zt7geZP2
        Gurn/N7Tzo8ynNAqzPY3fOcmnIzW2oz99qhusHvllZbp3dW0PxHZUI7MLe0auZlR
        75ktgT3fcl9LJhJRZ4eMQEFBL1CrXtti5UdK4A+XrX8Vf8qfk+XRH5fqNIZGS+Wo
        bKfj+jdljEncVpCH99HHVuOCJ4RYBtTz1CWemqriAVRUs8MD16cVqu7pEU/X3Ct+
        rfQGj8l2HAopYlaE9exskgS/ci076KKdtRewJa3FDnb5XqttzPjnNvys0xNfTUqs
        fmj55sQBAgMBAAECggEAAnoycz5B0cd5axBCD6xCk7k+Hwwp1ZySu/G+bv4Y0ACt
        J7y31CFzZObQEcSBNGze2o0Qwka8Fl06cLFzVWPOWimJYVCrdp15NjYz3bqEWxyS
        knWN4+IuzL1/ejaeosZ5pR9G8YTRqlJaabVKA2WPITP5Fnm0e6FRDNmGsqjNsI57
        IB0qkhbPBFX345PBVpetB6FyIh2JUWxBUqSnH5QMpxitybzylgNtFFAo1PcwV9Gj
        yXZ7vHZ+00QLwAms7B2Y4XEeVjeCaH1idP1/gHX+SksIgVapM/O7M4KKgbe8es2O
        U2VQzCKqeBDZzA4F+8HeMzz6Zu/WJukB/eFcXiigIQKBgQD807xPlil2xcP6rH/V
        RHuxEV9Jl3B+1R2+/nSTVn1puw6O4oyWVprIN9q2iOx5OjGBs20K2L2Tn+gVzH10
        EFdmuaZ9UWCz/a+0iBlPOk3ABCBpEa+ae1J4ieoxi0GlOYHbmrA+p/exNVzQIvqw
        HxAIyKrNBjnVRfyoc0eQPZrs+QKBgQDzXfjEcnARF0VVls01FPpo7pB0Yy/fqjBU
        8Bbds+NrRAqQj8ZxlfpHPksLAfB1CcECfYFeQGAbtPpZ+e8TV1q75EKuGh3lkFn2
        WPFOmId7+krphq0IvOuXCfo/HVvZeZOjN3Qxu0LKcsU4lytPVZ2wOKEqkRiLsiwZ
        dGQKX9P5SQKBgAgFM4EW02PoLCpklH2QeZgJZAtymWf8nL/1VH9kDABxpamUuD8A
        qlJVq0OFHnNODEoABiKE86aeOP+QCB7JcexZUVXCYh3zm0JP2vWvdM31k42huP9e
        kCQww9QkhcWXCG6N/q9OJsZhWftkUK2LnreYngp4+xav7K7vUULbIXIJAoGAUytx
        QcmOLPkT890WgiaKMWQeL/hZuwlRfSWT2u6IMPdO2PqZqeXEY6aRRNDD2Wuc73nu
        xUQg1Dc0O52jq6t10bJ/azp3ryV26S6aQO71llQCV+5zogHWTYbWY81nv1nCL8xa
        xEgn2kIAzoczAOjUfA3OXlq51bvtQEG7kqQPMCkCgYEAh9id1p+r2iRzxExvpsyR
        hNV3dyaZa6JeMapVdMhb8vSKfDIbA7dXrGN7kIoHL8bWi/iydCh9GX4JPd1hLJNt
        pea8x/YFCXu9UYxPK8/8QzGqIkk67Z3smL8hjh3Qc4D6SWgKPi+UgIhLLMe73vsA
        hiGjqZwILKaZtmr7fEGfhxs=
        -----END PRIVATE KEY-----
        """

    static let publicKey = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA8FnKWhYBJpPgXp8334eU
        XSkPdWbZEcbnwINFEE7A8BQlS+/rGU7WQaRGtb+QLL99aYPP/87e4HmT9hrq5/ze
        086PMpzQKsz2N3znJpyM1tqM/faobrB75ZWW6d3VtD8R2VCOzC3tGrmZUe+ZLYE9
        33JfSyYSUWeHjEBBQS9Qq17bYuVHSuAPl61/FX/Kn5Pl0R+X6jSGRkvlqGyn4/o3
        ZYxJ3FaQh/fRx1bjgieEWAbU89Qlnpqq4gFUVLPDA9enFaru6RFP19wrfq30Bo/J
        dhwKKWJWhPXsbJIEv3ItO+iinbUXsCWtxQ52+V6rbcz45zb8rNMTX01KrH5o+ebE
        AQIDAQAB
        -----END PUBLIC KEY-----
        """

    static let pkcs1PublicKey = """
        -----BEGIN RSA PUBLIC KEY-----
        MIIBCgKCAQEA8FnKWhYBJpPgXp8334eUXSkPdWbZEcbnwINFEE7A8BQlS+/rGU7W
        QaRGtb+QLL99aYPP/87e4HmT9hrq5/ze086PMpzQKsz2N3znJpyM1tqM/faobrB7
        5ZWW6d3VtD8R2VCOzC3tGrmZUe+ZLYE933JfSyYSUWeHjEBBQS9Qq17bYuVHSuAP
        l61/FX/Kn5Pl0R+X6jSGRkvlqGyn4/o3ZYxJ3FaQh/fRx1bjgieEWAbU89Qlnpqq
        4gFUVLPDA9enFaru6RFP19wrfq30Bo/JdhwKKWJWhPXsbJIEv3ItO+iinbUXsCWt
        xQ52+V6rbcz45zb8rNMTX01KrH5o+ebEAQIDAQAB
        -----END RSA PUBLIC KEY-----
        """

    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIDFTCCAf2gAwIBAgIUQ8ZqpdicGs1UeoOPA3M45MH+adowDQYJKoZIhvcNAQEL
        BQAwGjEYMBYGA1UEAwwPZml4dHVyZS5leGFtcGxlMB4XDTI2MTEyMTIyMDIxOVoX
        DTM2MTExODIyMDIxOVowGjEYMBYGA1UEAwwPZml4dHVyZS5leGFtcGxlMIIBIjAN
        BgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA8FnKWhYBJpPgXp8334eUXSkPdWbZ
        EcbnwINFEE7A8BQlS+/rGU7WQaRGtb+QLL99aYPP/87e4HmT9hrq5/ze086PMpzQ
        Ksz2N3znJpyM1tqM/faobrB75ZWW6d3VtD8R2VCOzC3tGrmZUe+ZLYE933JfSyYS
        UWeHjEBBQS9Qq17bYuVHSuAPl61/FX/Kn5Pl0R+X6jSGRkvlqGyn4/o3ZYxJ3FaQ
        h/fRx1bjgieEWAbU89Qlnpqq4gFUVLPDA9enFaru6RFP19wrfq30Bo/JdhwKKWJW
        hPXsbJIEv3ItO+iinbUXsCWtxQ52+V6rbcz45zb8rNMTX01KrH5o+ebEAQIDAQAB
        o1MwUTAdBgNVHQ4EFgQUqamrT9a+GWlUQgILrwwXrXWxkAwwHwYDVR0jBBgwFoAU
        qamrT9a+GWlUQgILrwwXrXWxkAwwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0B
        AQsFAAOCAQEA1kfCal6406vSLioAkojeIOJNI0hmn8unY6znTNOUVZhrwBLFfmFq
        pm/v3PUUwp/Bouc8WustAGYYGH6gpuHcSncHCqdCjOY4b44brapRmm9mm48DVM0K
        WOM18HLFYojjSwIMrvMtfk+GI/qPYMcU2Ed59YY4hl4gXNiPAyk+cgEPcwTx3QUk
        vr5NUGuYAWQXjwCn/xGryOwAXSLZeVhdYcK/3d6B/ZLtoXZ9+e6YOvEXpcfR/0mr
        bNF5MMpjfjw47VvtswHY8cS7x3I63FLm5eCaZ2OP6h6WSknOq9jWOhGw/KVG6JYU
        PzNyjLCMeWjx6B2vrau+f8wNoxAsUCDxdg==
        -----END CERTIFICATE-----
        """

    static let ecPrivateKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7vKEzmdYLo3ZWkYf
        xyFionFba/WfdjEXgWpNJ+MyouihRANCAAQ+wYZEPXsKv5zJxEAxvqfz+JQg75c6
        mC0QS4JSYUqV4Xd5+225L28UzVI3QqaQE0EsPRTw0AvtTPzathQPHlQt
        -----END PRIVATE KEY-----
        """

    static let encryptedPrivateKey = """
        -----BEGIN ENCRYPTED PRIVATE KEY-----
        MIIFLTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIPU9lYS9leB0CAggA
        MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBCNT/Cy40X4pxsUU9dk0mOoBIIE
        0KeUt7O6NzxI98A+3TNXVbnDOD1JELJt6vckcAmzfFZLNnZKPF/rmiv1Rt05v/tv
        A+cwLIzI1TVJNO3lm0thLHzd+2zot5VkrVhmfCIXxA5C2axdZ8bu6oOHbXhs31hb
        00Uyp8XM/XRLVOkP3v1gm/sqF89gLTCyf6QzAMPKCWh4HO7Kvm9xI6AQJJohXDEy
        cJVNTl8d091/3L1iG0wEXCJNrMyEWC9ltR4pK4NjagJLA2iK5fok9CDxHDhKU2pQ
        Velw8On0x0SVy4+QNi2lvHqC1vpumytsAqyrUai0EabPiAZhaGu/qBgfuiyCIe4g
        +XSeAjtju36hMtyg/mU1ojJ+9AXa5UiQdQCtHXQ/sy5gIjg5m8+luQVrfnOztN1F
        DiTTgafYzEixVc6ZDkZqQ7sDIGZRZRCnFUjdZEg5Br6XMVmGX9/cHIGH0UZ3s8hK
        X8Eq4SqzdwgqX07jvVUttVK048jr92Svd7C/CREmghWcxTIrfex6tDh9Q/276rz8
        Adr3O4N+Pp0fQ4TDbbktE8cuTaSbx7oEl1btEQKlsLIJP2PN36Farcs54PFeQK3c
        SBsjE2Md96qmKjqlwcBc5iUVoh+utdTopWzNFU3BhWqdvlqr3isAjyZzVIhQBh0q
        RUiTH75ZNjO5ZFCiDW0sHLHVnaWEdqfu63pIx4oP/cSNvrhOlmmyhqDiYl/4ErpV
        w4pnUdusiT9EpqMrgyZISgS2XExBIBD4KO7rRW96Q/M+VKban0RGmPjA6cX8OxV3
        gYf32jAtF586HlFte1Et9/LdeNJviUEIExK3XegwBt4d4DJfcAiiAUqRNddNFPYY
        KcfAUpU64HaY6EsbRR9KbwRdxmfU1sKPljBqYdxxe1WgpFmaHt3e1C3k+Gb6+o9G
        T3SYKuTi4lzPmCkCQQORc+5Xe0u7801MmYu9P2zu4nuCJON79/lEauVv4mN0Zrfp
        XZk7GAvcICeq0bxtesdewDeFf+N82XT5ErNsua4uYVQS0HC4+f8crPlVrnXtoQ09
        Nxu6oK0UfEiTM2EswgPm+meURCy4FM5/wZyS230re+HVvGM2DYtOJVnfqrnPWopd
        ZMEuVUX7Z5w6pcpNtcvcwPnVP0GVyvinuKMGhCGXXZv7oHPwdP7w3G8ae/fapz68
        xNCSIx0gQCy9L8sedgZGGjJ9UtkJNNBM/4sArCrdA4WrOgu1TIzEnl4pmfu++EOW
        ejYiQDFKx4icci56yAXc1JI9+79b2YhQPDXtpHzPi7NbJMH8m0gUPIsiGBU8vWYX
        KFiqHI8iIsJIrxhJVgdntwZQQSdKUIHvmx4B0Im90fMQf6bKSDRvXMhKex14m1JN
        CLkm1nXGKjnFQYS5Ikw+U/hfD8k7QK8sFM0llH/hllP7NGpVIf64H9LfgbDsIFld
        Iev5ZgJNeksQiGNEgqJUFFNPxh2z4VQ5InIYF/1OaEVz+9X+Ug5urE4QxpN1nIXL
        I6wIT+KHQfEqafn68WT7BHC9mjSAOCiiCMc3Al5vFOuzbCrAr/zJ2+URVpU0U46N
        mH46KP+JnAzc8XU8ipapZqi92QunM7SIEmSMi82P+vgWy1f2q9qpWMqY9dRoOr3o
        8Bv7O/tpXFDGZNKlhVb7CQrKHExcupWeP5W3xXSfo0uD
        -----END ENCRYPTED PRIVATE KEY-----
        """

    static let knownMessage = "sfbatch known message"
    static let knownSignatureBase64 = "tdpe2Dyf+xm/8jopKorS6aIJOaAuUtE1fP8N/JS5E8RGzyqqRoBWJXNXPAso9rpoQrcT0gnEpgTWRK5/MCyx9Fip+8ez5X2HWg1LF0WZLx0Vyhb2UyE6PIUd+tdG3OXn4ugiqBKKJFlnvaYm8D5xBID319r31YC8D3iTiTNoqwEyQ3ourCJNc54iZMKeOT1wkx9WwihlFwFOBSAHcD5VMK+uuga8aKZnlAnwc3gM4QhmXovWdvNwUqbBtHzvg6O1/+sAkqLAYlUNiuutKW94fBwTeTeEQxyL2oSwOYKlZf+/mMv7ElFImu9iofjrFVc+0Wnu6mrJJhiTJlyIX1WmZQ=="
    /// `printf "sfbatch known message" | openssl dgst -sha256 -hmac secret`
    static let knownHMACHex = "12ee6388a8a130534fa5f51639203294ffac3fa168c4568345cc37b8e204bb82"
}
