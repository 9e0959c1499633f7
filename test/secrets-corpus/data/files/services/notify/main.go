package main

import (
	"log"
	"net/http"
	"os"

	"github.com/slack-go/slack"
	"github.com/twilio/twilio-go"
)

const (
	slackBotToken  = "xoxb-50740595379-4167013989963-a4XjrVvHvv8Y9zEqQPyx3we8"
	twilioAccount  = "ACb24d59e6349e7867d24b424a7279288e"
	twilioKeySID   = "SK9c37c7ec880be790b24e9e36e1a432a5"
	twilioSecret   = "sG2ZcguunVweS0Z8OODP97ZWvGpEAHdf"
	sendgridAPIKey = "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"
)

func main() {
	webhook := os.Getenv("SLACK_WEBHOOK_URL")
	api := slack.New(slackBotToken)
	sms := twilio.NewRestClientWithParams(twilio.ClientParams{Username: twilioKeySID, Password: twilioSecret, AccountSid: twilioAccount})
	http.HandleFunc("/notify", func(w http.ResponseWriter, r *http.Request) {
		if _, _, err := api.PostMessage("#alerts", slack.MsgOptionText(r.FormValue("text"), false)); err != nil {
			log.Printf("slack: %v", err)
		}
		_ = sms
		_ = webhook
	})
	log.Fatal(http.ListenAndServe(":"+os.Getenv("PORT"), nil))
}
