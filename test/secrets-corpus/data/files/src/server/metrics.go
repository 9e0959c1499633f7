package server

import "net/url"

// remoteWrite is where Prometheus samples go.
var remoteWrite = mustParse("https://metrics-writer:ZhmYrbT5VLYShuSO55PvpV@prometheus.internal.acme.test/api/v1/write")

// docsExample shows the format in the README.
const docsExample = "https://user:password@example.com/api/v1/write"

var grafanaToken = "glsa_5aZktEsXi0XWfvY3X2vFyYk51LfNMX0z_4dda3766"

const localPushgateway = "http://localhost:9091"

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
