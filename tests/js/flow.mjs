// Drives pytest-pinpoint's loopback server with the AWS SDK for JavaScript v3:
// register an endpoint, send to its user, send to an address. Prints one JSON document.
import {
  PinpointClient,
  UpdateEndpointCommand,
  SendUsersMessagesCommand,
  SendMessagesCommand,
} from "@aws-sdk/client-pinpoint";

const [endpointUrl, appId] = process.argv.slice(2);
const client = new PinpointClient({
  endpoint: endpointUrl,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAJSSDKTEST0000000", secretAccessKey: "dummy" },
  maxAttempts: 1,
});

const sms = { SMSMessage: { Body: "Hello {{Name}}", MessageType: "TRANSACTIONAL" } };
await client.send(
  new UpdateEndpointCommand({
    ApplicationId: appId,
    EndpointId: "js-endpoint",
    EndpointRequest: { ChannelType: "SMS", Address: "+12065550123", User: { UserId: "js-user" } },
  }),
);
const users = await client.send(
  new SendUsersMessagesCommand({
    ApplicationId: appId,
    SendUsersMessageRequest: {
      MessageConfiguration: sms,
      Users: { "js-user": { Substitutions: { Name: ["Ada"] } } },
    },
  }),
);
const direct = await client.send(
  new SendMessagesCommand({
    ApplicationId: appId,
    MessageRequest: {
      MessageConfiguration: sms,
      Addresses: { "+12065550199": { ChannelType: "SMS", Substitutions: { Name: ["Bob"] } } },
    },
  }),
);
console.log(
  JSON.stringify({
    users: users.SendUsersMessageResponse,
    direct: direct.MessageResponse,
  }),
);
