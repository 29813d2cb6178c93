// Drives pytest-pinpoint's loopback server with the AWS SDK for JavaScript v3's End User
// Messaging SMS and voice v2 client: one text message. Prints the SDK's answer as JSON.
import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";

const [endpointUrl, to, from] = process.argv.slice(2);
const client = new PinpointSMSVoiceV2Client({
  endpoint: endpointUrl,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAJSSDKTEST0000000", secretAccessKey: "dummy" },
  maxAttempts: 1,
});

const out = await client.send(
  new SendTextMessageCommand({
    DestinationPhoneNumber: to,
    OriginationIdentity: from,
    MessageBody: "Your code is 123456",
    MessageType: "TRANSACTIONAL",
    Context: { flow: "login" },
  }),
);
console.log(JSON.stringify({ MessageId: out.MessageId }));
