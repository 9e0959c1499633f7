package integrations

// Credentials of the vendor sandbox accounts, checked in by mistake (see SEC-118).
var vendorKeys = map[string]string{
	"alibaba":      "LTAI5C8jFkircaHAqoqaSfVo",
	"digitalocean": "dop_v1_454f6a75bf91de5febb93228b504cdd91d4e12b965f424f6d9b6caf74d4ed45d",
	"heroku":       "HRKU-AAsR06Zg9QD4CiYHEeTt-f_7j7GZCM_idIJKZhXI_zDOUVtuvVXsP3eZylCC",
	"easypost":     "EZAKFoSwMJijsRXaDVGtdMh1N6QJzJbSXqu5ErLyJwc0TEmkizDLPOrFEz",
	"atlassian":    "ATATT3xFfGF0lzwSspAo5IENLG_D0gp606hhijoswLvOsJrfnKvg3GXWZpgDPWHr6WhxWYLXmPUfScnY_ZbeMM09tqEYbZm8G1bUp5bHYDtR_G03l6M4poHPH2Mm-VldQiIUKiv00y3itJwA5q-fAF1_rckdc-cIjHHJKZL_evt-7qUXQt_Y2o6=08E38710",
	"gitlab_runner": "glrt-glyl3CLvB8sEGxB6VYz5",
	"gitlab_trigger": "glptt-f93b1d33205f3a72a00f0bba5ae926dd65e05fc1",
	"twilio_sid":   "AC00d137490e348596226246a70fd4d1f3",
	"request_id":   "595a122b-8927-4ec1-ade2-df84e82c75a6",
}

const ageIdentity = "AGE-SECRET-KEY-1DLSMRRAAZULVWEAKS8X77TVF094YAHGQHPHM0DV9KSMSD5FF9SAQ9UPAXX"

// etag of the vendor catalogue we last imported
const catalogueETag = "2193dfb6790649ddadff9134ba345c74"
