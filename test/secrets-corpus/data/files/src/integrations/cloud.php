<?php

return [
    'alibaba' => [
        'access_key_id' => 'LTAIGYif6fdyBsIih4HVMAFW',
        'region' => 'cn-hangzhou',
    ],
    'digitalocean' => [
        'token' => 'dop_v1_d155bc5ff6c51dfd52d5c21ef80062f12303e7da043241f41d7b866c7df30e9e',
    ],
    'heroku' => [
        'api_key' => 'HRKU-AAobvCiaWya6gTPY58zFBTGeq6nh60CqGkubxQfBx2bUpKBFBSaZ6aOg4yYM',
    ],
    'square' => [
        'access_token' => 'EAAAf6w2-I4e9LnojLj55CCPvSjGe04y1RxNJ7VvMaFEWBM-q_BMXl7PwsPnN_HL',
        'environment' => 'production',
    ],
    'easypost' => [
        'api_key' => 'EZAKxLz3KCUhMdSSMnZKKQrrSh6M5Z4h0ivjVk14z72bzx2HNbAfMiY6Co',
    ],
    'mail' => [
        'password' => getenv('MAIL_PASSWORD'),
    ],
];
