package com.acme.ingest.config;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class StorageConfig {

    private static final String CONNECTION_STRING =
        "DefaultEndpointsProtocol=https;AccountName=acmeingest;AccountKey=wBPW5L17PWqhIU2ElM1bj3SYQDp+UTzfwLeWg2xKNRtQDVN9CrSwxGJEZun0bpe9JmRfexH7UOHav1HfGY8SEg==;EndpointSuffix=core.windows.net";

    private static final String LEDGER_URL =
        "jdbc:sqlserver://ledger.corp.acme.test:1433;databaseName=ledger;user=ledger_svc;password=1ifsybWK4AIt3kKP0NQW;encrypt=true";

    @Value("${storage.sas-token}")
    private String sasToken;

    private final String apiKey = System.getenv("INGEST_API_KEY");

    @Bean
    public BlobServiceClient blobServiceClient() {
        return new BlobServiceClientBuilder().connectionString(CONNECTION_STRING).buildClient();
    }
}
