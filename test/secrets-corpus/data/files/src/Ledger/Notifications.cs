using System;
using System.Net.Http;
using Telegram.Bot;

namespace Acme.Ledger;

public static class Notifications
{
    // Telegram bot of the finance channel
    private const string TelegramBotToken = "3398196848:AAzW6ClCWhRQqWV7lgJBNUJTybs4ARS03S0";

    private static readonly string SendGridKey = Environment.GetEnvironmentVariable("SENDGRID_API_KEY");

    private const string LegacyConnection = "Data Source=sql02.corp.acme.test;Initial Catalog=ledger_legacy;User Id=sa;Password=2eCfPN+avs*xx30Lsl7T;";

    public static TelegramBotClient Bot() => new(TelegramBotToken);
}
