@guide:harmony-web-registration
Feature: The home page: one secure sign-in for members and providers
  "Harmony encourages you to become a registered user on our secure Web
  site, www.harmonyhpm.com." Its home page has one "Member / Provider Secure
  Sign-In" (Username, Password, Login) and three links: "Forgot Your
  Password?", "Not Registered? Sign Up Here" and "Are you a health care
  provider? Register Here".

  Where the guide is silent we chose: members and providers share one
  sign-in and one set of usernames. A wrong username or password gets one
  message that never says which of the two was wrong. A member makes an
  account through the portal's sign-up (an e-mail code, then the Member ID,
  which Harmony writes as 8 to 12 letters or digits). Every password of
  one's own follows NIST SP 800-63B-4 for a password used alone: 15 to 128
  characters, no composition rule, common passwords and the username refused.

  Rule: Members and providers sign in in the same place, with a username and a password
    "Member / Provider Secure Sign-In: Username, Password, Login"

    @step:home-1 @step:intro-1 @step:intro-3
    Scenario: The home page's secure sign-in asks for a username and a password
      Then the portal is reached at "https://www.harmonyhpm.com"
      And the secure sign-in is for "Member" and "Provider" alike
      And the sign-in page asks for "Username" and "Password"
      And the sign-in page offers "Login"

    @step:home-1 @step:intro-2
    Scenario: A registered provider signs in for her practice
      Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
      And Grace has registered her practice
      And Grace has chosen a password of her own
      When Grace signs in with her username and password
      Then she is signed in for her practice

    @step:home-1 @step:home-3
    Scenario: A member signs in on the same page
      Given Marcus Bell is a member of the plan with Member ID "HH40718253", born "07-04-1979"
      And Marcus has an active account
      When Marcus signs in with his username and password
      Then he is signed in as a member of the plan

    @step:home-1
    Scenario: A wrong password is refused without saying which field was wrong
      Given Marcus Bell is a member of the plan with Member ID "HH40718253", born "07-04-1979"
      And Marcus has an active account
      When Marcus signs in with the password "sunset over tampa bay"
      Then he is told "The username or password is incorrect."
      And he is not signed in

    @step:home-1
    Scenario: A username nobody has gets the very same message
      When someone signs in as "NoSuchUser" with the password "sunrise over tampa bay"
      Then they are told "The username or password is incorrect."
      And they are not signed in

  Rule: "Forgot Your Password?" leads to password recovery
    The sign-in box links to "Forgot Your Password?" (see forgot-your-password.feature).

    @step:home-2
    Scenario: The secure sign-in links to "Forgot Your Password?"
      Then the sign-in page offers "Forgot Your Password?"
      And "Login" comes before "Forgot Your Password?" on the sign-in page
      And "Forgot Your Password?" on the home page leads to the "password recovery"

  Rule: A provider registers through "Sign Up Here", then "Register Here"
    "Step 1 – Create a New Account: Create a new account using the Sign Up
    Here link that appears on the home page. Step 2 – Register Now: Select
    the Register Here link on the top right side of the following page. This
    will direct you to the Provider Registration form."

    @step:home-3 @step:step-1
    Scenario: "Sign Up Here" creates a new account
      Then the sign-in page offers "Sign Up Here"
      And "Sign Up Here" comes before "Register Here" on the sign-in page
      And "Sign Up Here" on the home page leads to the "new account"

    @step:home-4 @step:step-2
    Scenario: "Register Here" leads to the Provider Registration form
      Then the sign-in page offers "Register Here"
      And "Register Here" on the home page leads to the "provider registration form"
      And the portal is reached at "https://www.harmonyhpm.com"

    @step:step-2 @step:step-3 @step:intro-3
    Scenario: The Provider Registration form starts by identifying the practice
      Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"
      When Grace identifies her practice
      Then she may go on to tell Harmony about the practice
