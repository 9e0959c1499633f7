# frozen_string_literal: true

require 'MailchimpMarketing'

module Marketing
  MAILCHIMP_API_KEY = 'ae349a52020afc6c2f2111247d91d688-us75'
  SENDINBLUE_KEY = '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'
  MAILGUN_KEY = ENV['MAILGUN_API_KEY']

  def self.client
    client = MailchimpMarketing::Client.new
    client.set_config(api_key: MAILCHIMP_API_KEY, server: MAILCHIMP_API_KEY.split('-').last)
    client
  end

  LIST_ID = 'f6108c6586'
end
