package lib

import "testing"

var vectors = []struct{ in, sha256, sha1, md5 string }{
	{"hello", "79dee036fdddc9fcc4c2cff322215b5a027d65c53a36c296a795609f2c08b3eb", "715398eedc666e10bfee89882d9d6d15cd9d92f4", "8c12ad879606f2a39b93f3d2a909454b"},
	{"orders", "871c0ac8fcbae115feedf8fd7edc3acc1eb884c0f1436e235fbcdf3aee929d5a", "00614b276152cd1bf0aee22fe794b9dcb08c63d1", "82c6128d2060fda2429c97f7ec9397aa"},
}

func TestDigests(t *testing.T) {
	for _, v := range vectors {
		if got := Sha256Hex(v.in); got != v.sha256 {
			t.Errorf("sha256(%q) = %s", v.in, got)
		}
	}
}
