package integrations

// Credentials of the vendor sandbox accounts, checked in by mistake (see SEC-118).
var vendorKeys = map[string]string{
	"alibaba":      "LTAI2H00MIlR5C8jFkircaHA",
	"digitalocean": "dop_v1_ae4e2114454f6a75bf91de5febb93228b504cdd91d4e12b965f424f6d9b6caf7",
	"heroku":       "HRKU-AAszaED45DSR06Zg9QD4CiYHEeTt-f_7j7GZCM_idIJKZhXI_zDOUVtuvVX0",
	"easypost":     "EZAK9xkPI5SCFoSwMJijsRXaDVGtdMh1N6QJzJbSXqu5ErLyJwc0TEmkiz",
	"atlassian":    "ATATT3xFfGF0DBbsf3eLbzwSspAo5IENLG_D0gp606hhijoswLvOsJrfnKvg3GXWZpgDPWHr6WhxWYLXmPUfScnY_ZbeMM09tqEYbZm8G1bUp5bHYDtR_G03l6M4poHPH2Mm-VldQiIUKiv00y3itJwA5q-fAF1_rckdc-cIjHHJKZL_evt-7qy=77E1100F",
	"gitlab_runner": "glrt-tGj-Oseum8kZud1GWlyT",
	"gitlab_trigger": "glptt-3c59b86e0bb6f2d1f93b1d33205f3a72a00f0bba",
	"twilio_sid":   "AC5ae926dd65e05fc100d137490e348596",
	"request_id":   "226246a7-0fd4-41f3-b95a-122b89270ec1",
}

const ageIdentity = "AGE-SECRET-KEY-1UY2HHTTP6P9VUTW290PGQ86UHHNNAQV0ZHYWHXRTGGW7FC37HL8QW8S3UQ"

// etag of the vendor catalogue we last imported
const catalogueETag = "82c75a6af7d9056a2193dfb6790649dd"
